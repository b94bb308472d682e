package io.warden.cli.shell;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The shell's commands by name: zkCli's names, flags and usage lines. */
final class CommandTable {
    static final String SHELL_USAGE = "warden shell [-server host:port[,...]] [-timeout ms] [-r] [cmd args]";

    private final Map<String, CommandSpec> byName = new TreeMap<>();

    /** {@code redo} runs a line of the history again through {@code redoRunner}. */
    CommandTable(LineRunner redoRunner) {
        add("ls", "ls [-s] [-w] [-R] path", Set.of("-s", "-w", "-R"), Set.of(), 1, 1, NodeCommands::ls);
        add("create", "create [-s] [-e] [-c] [-t ttl] path [data] [acl]", Set.of("-s", "-e", "-c"), Set.of("-t"), 1, 3,
                NodeCommands::create);
        add("get", "get [-s] [-w] [-b] [-x] path", Set.of("-s", "-w", "-b", "-x"), Set.of(), 1, 1, NodeCommands::get);
        add("set", "set path data [-s] [-v version] [-b]", Set.of("-s", "-b"), Set.of("-v"), 2, 2, NodeCommands::set);
        add("stat", "stat [-w] path", Set.of("-w"), Set.of(), 1, 1, NodeCommands::stat);
        add("delete", "delete [-v version] path", Set.of(), Set.of("-v"), 1, 1, NodeCommands::delete);
        add("deleteall", "deleteall path [-b batch size]", Set.of(), Set.of("-b"), 1, 1, NodeCommands::deleteAll);
        add("sync", "sync path", Set.of(), Set.of(), 1, 1, NodeCommands::sync);
        add("getAllChildrenNumber", "getAllChildrenNumber path", Set.of(), Set.of(), 1, 1,
                NodeCommands::allChildrenNumber);
        add("getEphemerals", "getEphemerals path", Set.of(), Set.of(), 0, 1, NodeCommands::ephemerals);
        add("getAcl", "getAcl [-s] path", Set.of("-s"), Set.of(), 1, 1, AclCommands::getAcl);
        add("setAcl", "setAcl [-s] [-v version] [-R] path acl", Set.of("-s", "-R"), Set.of("-v"), 2, 2,
                AclCommands::setAcl);
        add("addauth", "addauth scheme auth", Set.of(), Set.of(), 1, 2, AclCommands::addAuth);
        add("whoami", "whoami ", Set.of(), Set.of(), 0, 0, AclCommands::whoAmI);
        add("addWatch", "addWatch [-m mode] path # optional mode is one of [PERSISTENT, PERSISTENT_RECURSIVE]"
                + " - default is PERSISTENT_RECURSIVE", Set.of(), Set.of("-m"), 1, 1, WatchCommands::addWatch);
        add("removewatches", "removewatches path [-c|-d|-a] [-l]", Set.of("-c", "-d", "-p", "-r", "-a", "-l"), Set.of(), 1, 1,
                WatchCommands::removeWatches);
        add("printwatches", "printwatches on|off", Set.of(), Set.of(), 0, 1, WatchCommands::printWatches);
        add("history", "history ", Set.of(), Set.of(), 0, 0, SessionCommands::history);
        add("redo", "redo cmdno", Set.of(), Set.of(), 1, 1,
                (session, args) -> SessionCommands.redo(session, args, redoRunner));
        add("close", "close ", Set.of(), Set.of(), 0, 0, SessionCommands::close);
        add("connect", "connect host:port", Set.of(), Set.of(), 0, 1, SessionCommands::connect);
        add("quit", "quit ", Set.of(), Set.of(), 0, 0, SessionCommands::quit);
        add("version", "version ", Set.of(), Set.of(), 0, 0, SessionCommands::version);
    }

    private void add(String name, String usage, Set<String> plainFlags, Set<String> valuedFlags, int positionalsMin,
            int positionalsMax, CommandSpec.Action action) {
        byName.put(name, new CommandSpec(name, usage, plainFlags, valuedFlags, positionalsMin, positionalsMax, action));
    }

    /** The command of this name, or {@code null}. */
    CommandSpec find(String name) {
        return byName.get(name);
    }

    /** Every command name, sorted (for completion). */
    List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(byName.keySet()));
    }

    /** The shell's usage and every command's, as printed for an unknown command. */
    List<String> usageLines() {
        List<String> lines = new ArrayList<>();
        lines.add(SHELL_USAGE);
        byName.values().forEach(spec -> lines.add("\t" + spec.usage()));
        return lines;
    }

    /** Runs one line of the shell (used by {@code redo}). */
    @FunctionalInterface
    interface LineRunner {
        boolean run(String line) throws InterruptedException;
    }
}
