package io.warden.cli.shell;

import io.warden.client.BlockingClient;
import io.warden.client.Children;
import io.warden.client.CreateMode;
import io.warden.client.Created;
import io.warden.client.NodeData;
import io.warden.client.Op;
import io.warden.client.WardenException;
import io.warden.client.Watcher;
import io.warden.wire.Acl;
import io.warden.wire.ErrorCode;
import io.warden.wire.Stat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;

/** The commands on znodes: ls, create, get, set, stat, delete, deleteall, sync and the counts. */
final class NodeCommands {
    private NodeCommands() {
    }

    static void ls(ShellSession session, CommandArgs args) throws CommandFailedException, InterruptedException {
        BlockingClient client = session.client();
        String path = args.positional(0);
        if (args.has("-R")) {
            walk(client, path, args.has("-w") ? session.watcher() : null, session.console()::out);
            return;
        }
        Children children = args.has("-w") ? client.getChildren(path, session.watcher()) : client.getChildren(path);
        session.console().out(sorted(children.names()).toString());
        if (args.has("-s")) {
            printStat(session, children.stat());
        }
    }

    /** What {@link #walk} does with each node it reaches. */
    @FunctionalInterface
    interface NodeVisitor {
        void visit(String path) throws InterruptedException;
    }

    /**
     * Visits {@code path} and every node under it in zkCli's order: a node's children, sorted by
     * name, are all visited before the walk goes into the first of them, and each child's subtree
     * is done before the next child's (so {@code /a /a/b /a/c /a/b/d /a/c/e}). The root is read
     * with {@code getData} (a missing root fails the walk) and every node's children with
     * {@code getChildren}; with a {@code watcher}, both leave a watch, as {@code ls -w -R} does in
     * zkCli. A node deleted during the walk is skipped. The pending nodes are kept in a deque rather
     * than on the call stack, so a deep tree cannot overflow it.
     */
    static void walk(BlockingClient client, String path, Watcher watcher, NodeVisitor visitor)
            throws InterruptedException {
        if (watcher == null) {
            client.getData(path);
        } else {
            client.getData(path, watcher);
        }
        visitor.visit(path);
        Deque<String> toList = new ArrayDeque<>();
        toList.push(path);
        while (!toList.isEmpty()) {
            String node = toList.pop();
            List<String> names;
            try {
                names = sorted((watcher == null ? client.getChildren(node) : client.getChildren(node, watcher)).names());
            } catch (WardenException e) {
                if (e.code() == ErrorCode.NONODE) {
                    continue; // deleted while we walked
                }
                throw e;
            }
            for (String name : names) {
                visitor.visit(child(node, name));
            }
            for (int i = names.size() - 1; i >= 0; i--) {
                toList.push(child(node, names.get(i)));
            }
        }
    }

    static String child(String parent, String name) {
        return parent.endsWith("/") ? parent + name : parent + "/" + name;
    }

    static List<String> sorted(List<String> names) {
        List<String> copy = new ArrayList<>(names);
        copy.sort(null);
        return copy;
    }

    static void create(ShellSession session, CommandArgs args)
            throws BadArgumentsException, CommandFailedException, InterruptedException {
        CreateMode mode = createMode(args);
        long ttlMs = mode.isTtl() ? args.longValue("-t", -1) : -1;
        if (mode.isTtl() && ttlMs <= 0) {
            throw new BadArgumentsException("-t expects a positive time to live in ms, not " + args.value("-t"));
        }
        String data = args.positional(1);
        List<Acl> acl = args.positional(2) == null ? null : AclText.parse(args.positional(2));
        byte[] bytes = data == null ? null : data.getBytes(StandardCharsets.UTF_8);
        Created created = session.client().create(new Op.Create(args.positional(0), bytes, acl, mode, ttlMs));
        session.console().err("Created " + created.path());
    }

    static CreateMode createMode(CommandArgs args) throws BadArgumentsException {
        boolean sequential = args.has("-s");
        boolean ephemeral = args.has("-e");
        if (args.has("-c")) {
            if (sequential || ephemeral || args.has("-t")) {
                throw new BadArgumentsException("-c cannot be combined with -s, -e or -t: a container is persistent"
                        + " and has no sequence number or time to live");
            }
            return CreateMode.CONTAINER;
        }
        if (args.has("-t")) {
            if (ephemeral) {
                throw new BadArgumentsException("-t cannot be combined with -e: an ephemeral node has no time to live");
            }
            return sequential ? CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL : CreateMode.PERSISTENT_WITH_TTL;
        }
        if (ephemeral) {
            return sequential ? CreateMode.EPHEMERAL_SEQUENTIAL : CreateMode.EPHEMERAL;
        }
        return sequential ? CreateMode.PERSISTENT_SEQUENTIAL : CreateMode.PERSISTENT;
    }

    static void get(ShellSession session, CommandArgs args) throws CommandFailedException, InterruptedException {
        BlockingClient client = session.client();
        String path = args.positional(0);
        NodeData node = args.has("-w") ? client.getData(path, session.watcher()) : client.getData(path);
        if (args.has("-x")) {
            DataText.hexdump(node.data()).forEach(session.console()::out);
        } else if (args.has("-b")) {
            session.console().out(DataText.base64(node.data()));
        } else {
            session.console().out(DataText.text(node.data()));
        }
        if (args.has("-s")) {
            printStat(session, node.stat());
        }
    }

    static void set(ShellSession session, CommandArgs args)
            throws BadArgumentsException, CommandFailedException, InterruptedException {
        int version = args.intValue("-v", -1);
        byte[] data = args.has("-b") ? base64(args.positional(1)) : args.positional(1).getBytes(StandardCharsets.UTF_8);
        Stat stat = session.client().setData(args.positional(0), data, version);
        if (args.has("-s")) {
            printStat(session, stat);
        }
    }

    private static byte[] base64(String text) throws BadArgumentsException {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new BadArgumentsException("-b expects base64 data: " + e.getMessage());
        }
    }

    static void stat(ShellSession session, CommandArgs args) throws CommandFailedException, InterruptedException {
        BlockingClient client = session.client();
        String path = args.positional(0);
        Stat stat = args.has("-w") ? client.exists(path, session.watcher()) : client.exists(path);
        if (stat == null) {
            throw new CommandFailedException("Node does not exist: " + path);
        }
        printStat(session, stat);
    }

    static void delete(ShellSession session, CommandArgs args)
            throws BadArgumentsException, CommandFailedException, InterruptedException {
        int version = args.intValue("-v", -1);
        session.client().delete(args.positional(0), version);
    }

    static void deleteAll(ShellSession session, CommandArgs args)
            throws BadArgumentsException, CommandFailedException, InterruptedException {
        // -b (zkCli's batch size) is accepted and checked; Warden's client chooses its own batches.
        if (args.intValue("-b", 1) <= 0) {
            throw new BadArgumentsException("-b expects a positive batch size, not " + args.value("-b"));
        }
        session.client().deleteAll(args.positional(0));
    }

    static void sync(ShellSession session, CommandArgs args) throws CommandFailedException, InterruptedException {
        session.client().sync(args.positional(0));
        session.console().out("Sync is OK");
    }

    static void allChildrenNumber(ShellSession session, CommandArgs args)
            throws CommandFailedException, InterruptedException {
        session.console().out(Integer.toString(session.client().getAllChildrenNumber(args.positional(0))));
    }

    static void ephemerals(ShellSession session, CommandArgs args) throws CommandFailedException, InterruptedException {
        String prefix = args.positional(0) == null ? "/" : args.positional(0);
        session.console().out(sorted(session.client().getEphemerals(prefix)).toString());
    }

    static void printStat(ShellSession session, Stat stat) {
        StatText.lines(stat).forEach(session.console()::out);
    }
}
