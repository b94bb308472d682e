package io.warden.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a saved {@code warden bench --json} result back as a {@link PlotRun}. Anything that is not
 * such a result with a timeline is refused with a message that names the file and what is wrong.
 */
final class PlotInput {
    /** Bounds what is read: a result with the most buckets a timeline keeps is far smaller. */
    static final long FILE_BYTES_MAX = 64L << 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    private PlotInput() {
    }

    /** Why a file cannot be plotted. */
    static final class BadInputException extends Exception {
        private static final long serialVersionUID = 1L;

        BadInputException(String message) {
            super(message);
        }
    }

    static PlotRun read(Path file) throws BadInputException {
        String text;
        try {
            long size = Files.size(file);
            if (size > FILE_BYTES_MAX) {
                throw new BadInputException(file + ": " + size + " bytes, more than a bench result can be ("
                        + FILE_BYTES_MAX + ")");
            }
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage());
        }
        return parse(file.toString(), text);
    }

    static PlotRun parse(String source, String text) throws BadInputException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            String message = e.getOriginalMessage();
            int marker = message.indexOf(" (start marker at");
            throw new BadInputException(source + ": not valid JSON" + where + ": "
                    + (marker > 0 ? message.substring(0, marker) : message));
        }
        if (root == null || !root.isObject()) {
            throw new BadInputException(source + ": expected one JSON object as warden bench --json prints it");
        }
        String scenario = text(source, root, "scenario");
        JsonNode timeline = root.get("timeline");
        if (timeline == null || timeline.isNull()) {
            throw new BadInputException(source + ": no \"timeline\" in this " + scenario + " result (restart-wait "
                    + "results have none, nor results saved by an older warden bench)");
        }
        if (!timeline.isObject()) {
            throw new BadInputException(source + ": \"timeline\" is not an object");
        }
        JsonNode points = timeline.get("points");
        if (points == null || !points.isArray() || points.isEmpty()) {
            throw new BadInputException(source + ": \"timeline.points\" is missing or empty");
        }
        List<TimelinePoint> parsed = new ArrayList<>(points.size());
        for (int i = 0; i < points.size(); i++) {
            JsonNode point = points.get(i);
            String where = "timeline.points[" + i + "]";
            if (!point.isObject()) {
                throw new BadInputException(source + ": " + where + " is not an object");
            }
            parsed.add(new TimelinePoint((long) number(source, point, where, "t"),
                    number(source, point, where, "seconds"), (long) number(source, point, where, "ops"),
                    (long) number(source, point, where, "errors"), number(source, point, where, "p50"),
                    number(source, point, where, "p99"), number(source, point, where, "p999"),
                    number(source, point, where, "max")));
        }
        List<String> servers = new ArrayList<>();
        JsonNode serverList = root.get("servers");
        if (serverList != null && serverList.isArray()) {
            serverList.forEach(server -> servers.add(server.asText()));
        }
        JsonNode bucket = timeline.get("bucketSeconds");
        return new PlotRun(optionalText(root, "label"), scenario, servers, optionalText(root, "unit"),
                optionalText(timeline, "latency"), bucket != null && bucket.canConvertToLong() ? bucket.asLong() : 1,
                parsed);
    }

    private static String text(String source, JsonNode node, String name) throws BadInputException {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual()) {
            throw new BadInputException(source + ": \"" + name + "\" is missing or not a string; is this a "
                    + "warden bench --json result?");
        }
        return value.asText();
    }

    private static String optionalText(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value != null && value.isTextual() ? value.asText() : "";
    }

    /** A number field; null (how the report writes a value it has not) reads as 0. */
    private static double number(String source, JsonNode node, String where, String name) throws BadInputException {
        JsonNode value = node.get(name);
        if (value == null) {
            throw new BadInputException(source + ": " + where + " has no \"" + name + "\"");
        }
        if (value.isNull()) {
            return 0;
        }
        if (!value.isNumber() || !Double.isFinite(value.asDouble()) || value.asDouble() < 0) {
            throw new BadInputException(source + ": " + where + "." + name + " is not a number of at least 0: "
                    + value);
        }
        return value.asDouble();
    }
}
