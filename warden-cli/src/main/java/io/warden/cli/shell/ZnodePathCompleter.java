package io.warden.cli.shell;

import io.warden.client.WardenClient;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion: command names in the first word; in later words, a word starting with {@code /}
 * completes to the children of its parent node, asked of the server (never longer than
 * {@link #CHILDREN_WAIT_MS}; no answer means no candidates).
 */
final class ZnodePathCompleter implements Completer {
    static final long CHILDREN_WAIT_MS = 2_000;

    private final List<String> commandNames;
    private final Supplier<WardenClient> client;

    ZnodePathCompleter(List<String> commandNames, Supplier<WardenClient> client) {
        this.commandNames = List.copyOf(commandNames);
        this.client = client;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        if (line.wordIndex() == 0) {
            commandNames.forEach(name -> candidates.add(new Candidate(name)));
            return;
        }
        String typed = line.word().substring(0, line.wordCursor());
        pathCandidates(typed).forEach(path -> candidates.add(
                new Candidate(path, path, null, null, null, null, false)));
    }

    /** The children of the parent of {@code typed} as full paths; empty when {@code typed} is no path. */
    List<String> pathCandidates(String typed) {
        WardenClient current = client.get();
        if (!typed.startsWith("/") || current == null || !current.isConnected()) {
            return List.of();
        }
        String parent = parentOf(typed);
        try {
            List<String> names = current.getChildren(parent).get(CHILDREN_WAIT_MS, TimeUnit.MILLISECONDS).names();
            return NodeCommands.sorted(names).stream().map(name -> NodeCommands.child(parent, name)).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (ExecutionException | TimeoutException e) {
            return List.of(); // no such parent, no permission, or no answer in time: nothing to offer
        }
    }

    /** {@code /a/b} for {@code /a/b/c}, {@code /} for {@code /a}. */
    static String parentOf(String typed) {
        int slash = typed.lastIndexOf('/');
        return slash <= 0 ? "/" : typed.substring(0, slash);
    }
}
