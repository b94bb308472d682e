package io.warden.cli.shell;

import io.warden.client.AddWatchMode;
import io.warden.client.WatcherType;
import java.util.Locale;

/** The commands on watches: addWatch, removewatches, printwatches. */
final class WatchCommands {
    private WatchCommands() {
    }

    static void addWatch(ShellSession session, CommandArgs args)
            throws BadArgumentsException, CommandFailedException, InterruptedException {
        String modeName = args.value("-m");
        AddWatchMode mode;
        if (modeName == null) {
            mode = AddWatchMode.PERSISTENT_RECURSIVE;
        } else {
            try {
                mode = AddWatchMode.valueOf(modeName.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadArgumentsException("-m " + modeName + ": mode is one of PERSISTENT, PERSISTENT_RECURSIVE");
            }
        }
        session.client().addWatch(args.positional(0), session.watcher(), mode);
    }

    static void removeWatches(ShellSession session, CommandArgs args)
            throws BadArgumentsException, CommandFailedException, InterruptedException {
        // zkCli accepts several of the flags and uses the first in this order.
        WatcherType type = args.has("-c") ? WatcherType.CHILDREN
                : args.has("-d") ? WatcherType.DATA
                : args.has("-p") ? WatcherType.PERSISTENT
                : args.has("-r") ? WatcherType.PERSISTENT_RECURSIVE
                : WatcherType.ANY;
        session.client().removeAllWatches(args.positional(0), type, args.has("-l"));
    }

    static void printWatches(ShellSession session, CommandArgs args) throws BadArgumentsException {
        String setting = args.positional(0);
        if (setting == null) {
            session.console().out("printwatches is " + (session.printsWatches() ? "on" : "off"));
        } else if (setting.equals("on") || setting.equals("off")) {
            session.printWatches(setting.equals("on"));
        } else {
            throw new BadArgumentsException("printwatches takes on or off, not " + setting);
        }
    }
}
