package io.warden.daemon.console;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.warden.common.SessionIds;
import io.warden.common.Zxid;
import io.warden.wire.Acl;
import io.warden.wire.Id;
import io.warden.wire.OpCode;
import io.warden.wire.Perms;
import io.warden.wire.Record;
import io.warden.wire.Stat;
import io.warden.wire.proto.CreateRequest;
import io.warden.wire.proto.CreateResponse;
import io.warden.wire.proto.DeleteRequest;
import io.warden.wire.proto.SetAclRequest;
import io.warden.wire.proto.SetAclResponse;
import io.warden.wire.proto.SetDataRequest;
import io.warden.wire.proto.SetDataResponse;

/**
 * The console's edits as client requests: a JSON body becomes the request a ZooKeeper client would
 * send (setData, create, delete, setACL), and the reply becomes a JSON answer. Only the shape of
 * the JSON is checked here; paths, versions and ACLs are the server's to judge, on the normal
 * request path.
 */
final class ConsoleEdits {
    /** The kinds of edit, by the last part of their path ({@code /console/api/edit/<kind>}). */
    static final List<String> KINDS = List.of("set", "create", "delete", "acl");
    /** Create modes the console offers; an ephemeral node would vanish with the edit's own session. */
    static final Map<String, Integer> CREATE_MODES = Map.of("persistent", 0, "persistent_sequential", 2,
            "container", 4);

    /** An edit's request: its op code and body, and the path it is about (for messages). */
    record Edit(int opCode, Record body, String path) {
    }

    /** A body that is not an edit of its kind; the reason is safe to show. */
    static final class BadEdit extends Exception {
        private static final long serialVersionUID = 1L;

        BadEdit(String reason) {
            super(reason);
        }
    }

    private ConsoleEdits() {
    }

    static Edit parse(String kind, JsonNode json) throws BadEdit {
        if (json == null || !json.isObject()) {
            throw new BadEdit("the body must be a JSON object");
        }
        String path = text(json, "path", true);
        return switch (kind) {
            case "set" -> new Edit(OpCode.SET_DATA, new SetDataRequest(path, data(json), version(json)), path);
            case "create" -> create(json, path);
            case "delete" -> new Edit(OpCode.DELETE, new DeleteRequest(path, version(json)), path);
            case "acl" -> new Edit(OpCode.SET_ACL, new SetAclRequest(path, acl(json.get("acl")), version(json)),
                    path);
            default -> throw new BadEdit("unknown edit: " + kind);
        };
    }

    private static Edit create(JsonNode json, String path) throws BadEdit {
        String mode = json.has("mode") ? text(json, "mode", true) : "persistent";
        Integer flags = CREATE_MODES.get(mode);
        if (flags == null) {
            throw new BadEdit("mode must be one of " + String.join(", ", CREATE_MODES.keySet().stream().sorted()
                    .toList()) + " (an ephemeral node would vanish with the console's session)");
        }
        List<Acl> acl = json.has("acl") ? acl(json.get("acl")) : Acl.OPEN_ACL_UNSAFE;
        int opCode = mode.equals("container") ? OpCode.CREATE_CONTAINER : OpCode.CREATE;
        return new Edit(opCode, new CreateRequest(path, data(json), acl, flags), path);
    }

    private static String text(JsonNode json, String field, boolean required) throws BadEdit {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new BadEdit("'" + field + "' is missing");
            }
            return null;
        }
        if (!node.isTextual()) {
            throw new BadEdit("'" + field + "' must be a string");
        }
        return node.textValue();
    }

    /** {@code version}: a whole number, -1 (any version) when absent. */
    private static int version(JsonNode json) throws BadEdit {
        JsonNode node = json.get("version");
        if (node == null || node.isNull()) {
            return -1;
        }
        if (!node.isInt()) {
            throw new BadEdit("'version' must be a whole number");
        }
        return node.intValue();
    }

    /** {@code data} in {@code encoding} ({@code utf8}, the default, or {@code hex}); absent: empty. */
    private static byte[] data(JsonNode json) throws BadEdit {
        String data = text(json, "data", false);
        String encoding = json.has("encoding") ? text(json, "encoding", true) : "utf8";
        if (data == null) {
            return new byte[0];
        }
        return switch (encoding) {
            case "utf8" -> data.getBytes(StandardCharsets.UTF_8);
            case "hex" -> {
                try {
                    yield HexFormat.of().parseHex(data.replaceAll("\\s", ""));
                } catch (IllegalArgumentException e) {
                    throw new BadEdit("'data' is not hex: " + e.getMessage());
                }
            }
            default -> throw new BadEdit("'encoding' must be utf8 or hex");
        };
    }

    /** An ACL: a list of {@code {scheme, id, perms}} with perms in zkCli's letters (cdrwa). */
    static List<Acl> acl(JsonNode node) throws BadEdit {
        if (node == null || !node.isArray()) {
            throw new BadEdit("'acl' must be a list of {scheme, id, perms}");
        }
        List<Acl> acl = new ArrayList<>();
        for (JsonNode entry : node) {
            if (!entry.isObject()) {
                throw new BadEdit("each ACL entry must be {scheme, id, perms}");
            }
            acl.add(new Acl(perms(text(entry, "perms", true)), new Id(text(entry, "scheme", true),
                    text(entry, "id", true))));
        }
        return acl;
    }

    static int perms(String letters) throws BadEdit {
        int perms = 0;
        for (char c : letters.toCharArray()) {
            perms |= switch (c) {
                case 'c' -> Perms.CREATE;
                case 'd' -> Perms.DELETE;
                case 'r' -> Perms.READ;
                case 'w' -> Perms.WRITE;
                case 'a' -> Perms.ADMIN;
                default -> throw new BadEdit("permissions are letters of cdrwa, not '" + c + "'");
            };
        }
        return perms;
    }

    /** The JSON answer to a successful edit: what the reply carried. */
    static Map<String, Object> answer(Edit edit, InProcessConnection.Outcome outcome) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", true);
        answer.put("path", edit.path());
        answer.put("zxid", Zxid.toHex(outcome.zxid()));
        Record body = outcome.body();
        if (body instanceof CreateResponse created) {
            answer.put("path", created.path());
        } else if (body instanceof SetDataResponse set) {
            answer.put("stat", stat(set.stat()));
        } else if (body instanceof SetAclResponse set) {
            answer.put("stat", stat(set.stat()));
        }
        return answer;
    }

    private static Map<String, Object> stat(Stat stat) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("mzxid", Zxid.toHex(stat.mzxid()));
        map.put("version", stat.version());
        map.put("aversion", stat.aversion());
        map.put("dataLength", stat.dataLength());
        map.put("ephemeralOwner", SessionIds.toHex(stat.ephemeralOwner()));
        return map;
    }
}
