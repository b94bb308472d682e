package io.warden.cli;

import io.warden.client.WardenClient;
import io.warden.client.WardenException;
import io.warden.daemon.config.ConfigException;
import io.warden.daemon.config.Endpoint;
import io.warden.daemon.config.PeerRole;
import io.warden.daemon.config.ServerConfig;
import io.warden.daemon.config.ServerMember;
import io.warden.daemon.config.ZooCfgParser;
import io.warden.wire.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code warden transfer-leadership <zoo.cfg> --to <id> --auth <user:password>}: finds the
 * ensemble's leader with {@code srvr} (as {@code warden status} asks one member), asks it, as the
 * superuser, to hand leadership to server {@code id} (Warden's transferLeadership extension), then
 * asks that server with {@code srvr} until it reports {@code Mode: leader}, at most
 * {@code --wait-ms}. A leader gives a hand-over up when the target has not caught up within
 * {@code syncLimit} ticks and leads on; once {@code syncLimit} + 2 ticks have passed with the old
 * leader still leading, the command says so instead of waiting out {@code --wait-ms}.
 */
@Command(name = "transfer-leadership", mixinStandardHelpOptions = true,
        description = "Hand an ensemble's leadership to a named voter, without waiting for an election timeout.")
final class TransferLeadershipCommand implements Callable<Integer> {
    /** How long the request may take to be answered. */
    static final long ANSWER_TIMEOUT_MS = 15_000;
    /** How often the target's role is asked for. */
    static final long POLL_INTERVAL_MS = 200;

    @Parameters(index = "0", paramLabel = "zoo.cfg", description = "the ensemble's configuration file")
    Path configFile;

    @Option(names = "--to", required = true, paramLabel = "ID", description = "the voter that should lead")
    long target;

    @Option(names = "--auth", required = true, paramLabel = "USER:PASSWORD",
            description = "the superuser's credentials (whose digest is " + ServerCommand.SUPER_DIGEST_PROPERTY + ")")
    String auth;

    @Option(names = "--wait-ms", paramLabel = "MS", defaultValue = "30000",
            description = "how long to wait for the new leader (default: ${DEFAULT-VALUE})")
    long waitMs;

    @Override
    public Integer call() throws Exception {
        ServerConfig config;
        try {
            config = ZooCfgParser.parse(configFile, ServerCommand.systemProperties()).config();
        } catch (ConfigException e) {
            System.err.println("warden: " + e.getMessage());
            return 2;
        }
        if (config.standalone()) {
            System.err.println("warden: " + configFile + " describes a standalone server: there is no leadership to hand over");
            return 2;
        }
        ServerMember to = config.member(target).orElse(null);
        if (to == null || to.role() != PeerRole.PARTICIPANT) {
            System.err.println("warden: server " + target + " is not a voting member of " + configFile);
            return 2;
        }
        ServerMember leader = findLeader(config);
        if (leader == null) {
            System.out.println("No member reports Mode: leader; try again once the ensemble has a leader.");
            return 1;
        }
        if (leader.id() == target) {
            System.out.println("Server " + target + " already leads.");
            return 0;
        }
        System.out.println("Server " + leader.id() + " leads; asking it to hand leadership to server " + target + ".");
        ErrorCode refusal = ask(address(config.clientAddressFor(leader.id())));
        if (refusal != null) {
            System.out.println("Refused: " + refusal + " (" + meaning(refusal) + ").");
            return 1;
        }
        long giveUpMs = (config.syncLimitTicks() + 2L) * config.tickTimeMs();
        HandOverWatch.Outcome outcome = new HandOverWatch(TransferLeadershipCommand::mode, System::nanoTime,
                Thread::sleep, POLL_INTERVAL_MS).await(config.clientAddressFor(target),
                        config.clientAddressFor(leader.id()), waitMs, giveUpMs);
        return switch (outcome) { // exhaustive: a new outcome does not compile until it is reported here
            case TARGET_LEADS -> {
                System.out.println("Server " + target + " now leads.");
                yield 0;
            }
            case GIVEN_UP -> {
                System.out.println("Server " + leader.id() + " still leads after " + giveUpMs + " ms: the hand-over"
                        + " did not happen (a leader gives it up when the target does not catch up within syncLimit, "
                        + config.syncLimitTicks() + " ticks of " + config.tickTimeMs() + " ms; see its log).");
                yield 1;
            }
            case WAITED_OUT -> {
                System.out.println("Server " + target + " did not report Mode: leader within " + waitMs
                        + " ms (run warden status).");
                yield 1;
            }
        };
    }

    private static ServerMember findLeader(ServerConfig config) {
        for (ServerMember member : config.members()) {
            if ("leader".equals(mode(config.clientAddressFor(member.id())))) {
                return member;
            }
        }
        return null;
    }

    /** The request, as the superuser; null when the hand-over started, else the server's error. */
    private ErrorCode ask(String leaderAddress) throws InterruptedException {
        try (WardenClient client = WardenClient.builder(leaderAddress).connectionTimeoutMs(ANSWER_TIMEOUT_MS)
                .closeTimeoutMs(1_000).auth("digest", auth.getBytes(StandardCharsets.UTF_8)).build()) {
            client.transferLeadership(target).get(ANSWER_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WardenException w) {
                return w.code();
            }
            throw new IllegalStateException("the request failed", e.getCause());
        } catch (TimeoutException e) {
            return ErrorCode.OPERATIONTIMEOUT;
        }
    }

    /** The mode a member's {@code srvr} reports, or null when it does not answer with one. */
    private static String mode(Endpoint endpoint) {
        try {
            for (String line : StatusCommand.srvr(StatusCommand.hostOf(endpoint), endpoint.port()).split("\n")) {
                if (line.startsWith("Mode: ")) {
                    return line.substring("Mode: ".length()).strip();
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    private static String address(Endpoint endpoint) {
        return StatusCommand.hostOf(endpoint) + ":" + endpoint.port();
    }

    private static String meaning(ErrorCode code) {
        return switch (code) {
            case NOAUTH -> "the credentials are not the superuser's";
            case AUTHFAILED -> "the server refused the credentials";
            case APIERROR -> "that server no longer leads";
            case BADARGUMENTS -> "the target cannot lead";
            case NEWCONFIGNOQUORUM -> "the target is not a synchronised follower of the leader";
            case RECONFIGINPROGRESS -> "a hand-over is already under way";
            case OPERATIONTIMEOUT -> "no answer within " + ANSWER_TIMEOUT_MS + " ms";
            default -> "see the server's log";
        };
    }
}
