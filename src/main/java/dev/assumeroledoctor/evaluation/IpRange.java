package dev.assumeroledoctor.evaluation;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 CIDR block as the {@code IpAddress} operators read it (RFC 4632); a bare
 * address is a /32 or /128. Only literals are parsed: nothing here ever resolves a host name.
 */
public record IpRange(byte[] network, int prefixLength) {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    public static Optional<IpRange> parse(String cidr) {
        String text = cidr.strip();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        Optional<byte[]> bytes = parseAddress(address);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        int max = bytes.get().length * 8;
        int prefix = max;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (prefix < 0 || prefix > max) {
                return Optional.empty();
            }
        }
        return Optional.of(new IpRange(bytes.get(), prefix));
    }

    /** Parses an IP literal; a service name such as {@code ec2.amazonaws.com} is not an address. */
    public static Optional<byte[]> parseAddress(String address) {
        if (IPV4.matcher(address).matches()) {
            String[] octets = address.split("\\.");
            byte[] out = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(octets[i]);
                if (octet > 255) {
                    return Optional.empty();
                }
                out[i] = (byte) octet;
            }
            return Optional.of(out);
        }
        if (address.indexOf(':') >= 0 && IPV6.matcher(address).matches()) {
            try {
                return Optional.of(InetAddress.getByName(address).getAddress());
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    public boolean contains(String address) {
        Optional<byte[]> parsed = parseAddress(address.strip());
        if (parsed.isEmpty() || parsed.get().length != network.length) {
            return false;
        }
        byte[] candidate = parsed.get();
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int remainingBits = prefixLength % 8;
        if (remainingBits == 0) {
            return true;
        }
        int mask = (0xFF << (8 - remainingBits)) & 0xFF;
        return (candidate[fullBytes] & mask) == (network[fullBytes] & mask);
    }
}
