package io.warden.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.warden.daemon.MyIdFile;
import io.warden.daemon.config.ConfigException;
import io.warden.daemon.config.Endpoint;
import io.warden.daemon.config.ServerConfig;
import io.warden.daemon.config.ZooCfgParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code warden status [zoo.cfg]}: what {@code zkServer.sh status} prints, for the server this
 * configuration describes (in an ensemble, the member whose id is in {@code dataDir/myid}): the
 * configuration, the client address, and the mode its {@code srvr} reports.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Print the mode of the server a zoo.cfg describes, as zkServer.sh status does.")
final class StatusCommand implements Callable<Integer> {
    /** How long to wait for the server's answer. */
    static final int TIMEOUT_MS = 5_000;
    /** The most of a srvr answer read. */
    static final int ANSWER_BYTES_MAX = 64 * 1024;

    @Parameters(index = "0", arity = "0..1", paramLabel = "zoo.cfg", description = "a ZooKeeper configuration file")
    Path configFile;

    @Option(names = "--id", paramLabel = "N", description = "the member to ask (default: the id in dataDir/myid)")
    Long memberId;

    @Override
    public Integer call() throws Exception {
        ServerConfig config;
        try {
            config = configFile == null ? ServerConfig.defaults(Path.of("data").toAbsolutePath())
                    : ZooCfgParser.parse(configFile, ServerCommand.systemProperties()).config();
        } catch (ConfigException e) {
            System.err.println("warden: " + e.getMessage());
            return 2;
        }
        System.out.println("Using config: " + (configFile == null ? "(defaults)" : configFile.toAbsolutePath()));
        Endpoint endpoint;
        try {
            endpoint = config.standalone() ? config.clientAddressFor(0) : config.clientAddressFor(memberId(config));
        } catch (IOException e) {
            System.err.println("warden: " + e.getMessage() + " (or give the member's id with --id)");
            return 2;
        }
        String host = hostOf(endpoint);
        System.out.println("Client port found: " + endpoint.port() + ". Client address: " + host + ".");
        String answer;
        try {
            answer = srvr(host, endpoint.port());
        } catch (IOException e) {
            System.out.println("Error contacting service. It is probably not running.");
            return 1;
        }
        for (String line : answer.split("\n")) {
            if (line.startsWith("Mode: ")) {
                System.out.println(line);
                return 0;
            }
        }
        System.out.println("Error contacting service. It answered: " + answer.strip());
        return 1;
    }

    private long memberId(ServerConfig config) throws IOException {
        if (memberId != null) {
            return memberId;
        }
        return MyIdFile.read(config.dataDir());
    }

    /** The host to dial for a client address: localhost for a wildcard one. */
    static String hostOf(Endpoint endpoint) {
        return endpoint.host() == null || endpoint.host().equals("0.0.0.0") ? "localhost" : endpoint.host();
    }

    static String srvr(String host, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
            socket.setSoTimeout(TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            out.write("srvr".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readNBytes(ANSWER_BYTES_MAX), StandardCharsets.US_ASCII);
        }
    }
}
