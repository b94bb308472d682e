package io.warden.recipes.discovery;

import io.warden.client.BlockingClient;
import io.warden.client.Op;
import io.warden.client.OpResult;
import io.warden.client.WardenException;
import io.warden.common.ZnodePaths;
import io.warden.wire.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One-off reads of what is registered, straight from the server. A node whose data is not an
 * instance (written by someone else) is left out with a warning; a node that goes while it is read
 * is left out silently.
 */
final class InstanceQueries {
    /** The most nodes read in one multiRead, so that a large service does not make one huge reply. */
    static final int READ_BATCH_MAX = 100;

    private static final Logger LOG = LoggerFactory.getLogger(InstanceQueries.class);

    private final BlockingClient client;
    private final String basePath;

    InstanceQueries(BlockingClient client, String basePath) {
        this.client = client;
        this.basePath = basePath;
    }

    /** The names of the services with a node under the base path, sorted. */
    List<String> names() throws InterruptedException {
        List<String> names = new ArrayList<>(childrenOf(basePath));
        names.sort(null);
        return names;
    }

    /** The instances of service {@code name}, in {@link ServiceInstance#ORDER}. */
    List<ServiceInstance> instances(String name) throws InterruptedException {
        String service = DiscoveryPaths.service(basePath, name);
        List<String> children = childrenOf(service);
        List<ServiceInstance> instances = new ArrayList<>();
        for (int from = 0; from < children.size(); from += READ_BATCH_MAX) {
            List<Op> reads = new ArrayList<>();
            for (String child : children.subList(from, Math.min(children.size(), from + READ_BATCH_MAX))) {
                reads.add(Op.getData(ZnodePaths.child(service, child)));
            }
            List<OpResult> results = client.multiRead(reads);
            for (int i = 0; i < results.size(); i++) {
                String path = reads.get(i).path();
                if (results.get(i) instanceof OpResult.GetDataResult read) {
                    ServiceInstance instance = decodeOrWarn(path, read.node().data());
                    if (instance != null) {
                        instances.add(instance);
                    }
                } else if (results.get(i) instanceof OpResult.ErrorResult error && error.code() != ErrorCode.NONODE) {
                    throw new WardenException(error.code(), path, "reading an instance failed");
                }
            }
        }
        instances.sort(ServiceInstance.ORDER);
        return instances;
    }

    /** The instance with this id, or null when there is none (or its node does not hold an instance). */
    ServiceInstance instance(String name, String id) throws InterruptedException {
        String path = DiscoveryPaths.instance(basePath, name, id);
        try {
            return decodeOrWarn(path, client.getData(path).data());
        } catch (WardenException e) {
            if (e.code() == ErrorCode.NONODE) {
                return null;
            }
            throw e;
        }
    }

    private List<String> childrenOf(String path) throws InterruptedException {
        try {
            return client.getChildren(path).names();
        } catch (WardenException e) {
            if (e.code() == ErrorCode.NONODE) {
                return List.of();
            }
            throw e;
        }
    }

    /** The instance in a node's data, or null (with a warning) when the data is not one. */
    static ServiceInstance decodeOrWarn(String path, byte[] data) {
        try {
            return InstanceCodec.decode(data);
        } catch (IllegalArgumentException e) {
            LOG.warn("{} does not hold a service instance, skipped: {}", path, e.getMessage());
            return null;
        }
    }
}
