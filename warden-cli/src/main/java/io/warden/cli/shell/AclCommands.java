package io.warden.cli.shell;

import io.warden.client.BlockingClient;
import io.warden.client.NodeAcl;
import io.warden.client.WardenException;
import io.warden.wire.Acl;
import io.warden.wire.Stat;
import io.warden.wire.proto.ClientInfo;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The commands on ACLs and identities: getAcl, setAcl, addauth, whoami. */
final class AclCommands {
    private AclCommands() {
    }

    static void getAcl(ShellSession session, CommandArgs args) throws CommandFailedException, InterruptedException {
        NodeAcl acl = session.client().getAcl(args.positional(0));
        AclText.lines(acl.acl()).forEach(session.console()::out);
        if (args.has("-s")) {
            NodeCommands.printStat(session, acl.stat());
        }
    }

    static void setAcl(ShellSession session, CommandArgs args)
            throws BadArgumentsException, CommandFailedException, InterruptedException {
        BlockingClient client = session.client();
        int version = args.intValue("-v", -1);
        List<Acl> acl = AclText.parse(args.positional(1));
        String path = args.positional(0);
        if (args.has("-R")) {
            // As zkCli: a node that refuses the change is reported and the walk carries on. zkCli
            // prints ZooKeeper's exception message on standard output with no end of line after it.
            NodeCommands.walk(client, path, null, node -> {
                try {
                    client.setAcl(node, acl, version);
                } catch (WardenException e) {
                    session.console().outPart(ErrorText.keeperMessage(e));
                }
            });
            return;
        }
        Stat stat = client.setAcl(path, acl, version);
        if (args.has("-s")) {
            NodeCommands.printStat(session, stat);
        }
    }

    static void addAuth(ShellSession session, CommandArgs args) throws CommandFailedException, InterruptedException {
        String auth = args.positional(1) == null ? "" : args.positional(1);
        session.client().addAuth(args.positional(0), auth.getBytes(StandardCharsets.UTF_8));
    }

    static void whoAmI(ShellSession session, CommandArgs args) throws CommandFailedException, InterruptedException {
        List<ClientInfo> identities = session.client().whoAmI();
        session.console().out("Auth scheme: User");
        for (ClientInfo identity : identities) {
            session.console().out(identity.authScheme() + ": " + identity.user());
        }
    }
}
