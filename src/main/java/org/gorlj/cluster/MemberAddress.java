package org.gorlj.cluster;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.gorlj.util.UserInputException;

/**
 * One {@code host[:port]} of a cluster's member list (port {@value #DEFAULT_PORT} when left out).
 *
 * @param host a host name or an IP address (IPv6 in brackets when a port follows)
 * @param port the member's TCP port
 */
public record MemberAddress(String host, int port) {
    /** The port of a member whose entry names none: Hazelcast's usual first port. */
    public static final int DEFAULT_PORT = 5701;

    /** {@code host:port} ({@code [v6]:port} for an IPv6 address). */
    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * Parses a comma-separated member list such as {@code 10.0.0.1,10.0.0.2:5702,[fd00::3]:5701}.
     *
     * @throws UserInputException naming the first entry that is not {@code host[:port]} with a port
     *     in [1, 65535], or for an empty list
     */
    public static List<MemberAddress> parseList(String text) {
        LinkedHashSet<MemberAddress> out = new LinkedHashSet<>();
        for (String raw : text.split(",", -1)) {
            out.add(parse(raw.strip(), text));
        }
        return List.copyOf(new ArrayList<>(out));
    }

    /** Parses one {@code host[:port]}; {@code list} is the whole option, for the message. */
    static MemberAddress parse(String entry, String list) {
        String host = entry;
        String port = null;
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            if (close < 0) {
                throw bad(entry, list);
            }
            host = entry.substring(1, close);
            String rest = entry.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw bad(entry, list);
                }
                port = rest.substring(1);
            }
        } else if (entry.indexOf(':') >= 0) {
            if (entry.indexOf(':') != entry.lastIndexOf(':')) {
                throw bad(entry, list); // an IPv6 address needs brackets
            }
            host = entry.substring(0, entry.indexOf(':'));
            port = entry.substring(entry.indexOf(':') + 1);
        }
        if (host.isEmpty() || !host.matches("[A-Za-z0-9._:%-]+")) {
            throw bad(entry, list);
        }
        int p = DEFAULT_PORT;
        if (port != null) {
            if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                throw bad(entry, list);
            }
            p = Integer.parseInt(port);
        }
        return new MemberAddress(host, p);
    }

    private static UserInputException bad(String entry, String list) {
        return new UserInputException(
                "--cluster: '" + entry + "' in '" + list
                        + "' is not host[:port] (port 1-65535, IPv6 as [addr]:port); give members as host[:port],host[:port],...");
    }
}
