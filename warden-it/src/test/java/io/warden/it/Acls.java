package io.warden.it;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.zookeeper.data.ACL;

/** ACL lists for client calls. */
final class Acls {

    private Acls() {
    }

    /**
     * A mutable list: the 3.9.3 client checks ACL lists with {@code contains(null)}, which an
     * immutable {@code List.of} answers with a NullPointerException.
     */
    static List<ACL> of(ACL... entries) {
        return new ArrayList<>(Arrays.asList(entries));
    }
}
