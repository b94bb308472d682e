package io.warden.zab;

import java.util.Set;

/**
 * Decides whether a set of servers is a quorum. The ensemble's voters are fixed by configuration;
 * observers are never part of a quorum.
 */
public interface Quorum {
    /** True when {@code ids} (which may contain non-voters, ignored) holds a quorum of voters. */
    boolean isQuorum(Set<Long> ids);

    /** True when {@code id} is a voter. */
    boolean isVoter(long id);

    /** A strict majority of {@code voters}, as ZooKeeper's default quorum verifier. */
    static Quorum majority(Set<Long> voters) {
        Set<Long> copy = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(voters));
        return new Quorum() {
            @Override
            public boolean isQuorum(Set<Long> ids) {
                int count = 0;
                for (Long id : ids) {
                    if (copy.contains(id)) {
                        count++;
                    }
                }
                return count * 2 > copy.size();
            }

            @Override
            public boolean isVoter(long id) {
                return copy.contains(id);
            }

            @Override
            public String toString() {
                return "majority of " + copy;
            }
        };
    }
}
