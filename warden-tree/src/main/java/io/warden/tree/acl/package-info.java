/**
 * ACL evaluation as ZooKeeper does it: which schemes exist, which ids are valid, how the
 * {@code auth} pseudo-scheme expands, and whether a set of identities holds a permission.
 */
package io.warden.tree.acl;
