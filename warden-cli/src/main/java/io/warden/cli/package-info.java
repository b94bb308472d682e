/** The {@code warden} command and its subcommands. */
package io.warden.cli;
