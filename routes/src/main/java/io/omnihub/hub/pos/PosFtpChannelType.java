package io.omnihub.hub.pos;

import io.omnihub.channel.ChannelInstance;
import io.omnihub.channel.NamedChannelType;
import java.nio.charset.Charset;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** A POS fleet dropping MEMBERS, SALES and STOCK files on an FTP directory, polled by {@link PosDropRoutes}. */
public final class PosFtpChannelType extends NamedChannelType {

    public static final String NAME = "pos-ftp";

    public PosFtpChannelType() {
        super(NAME, "password");
    }

    /** The drop directory, the files' charset and the stores' zone: wrong, they would fail every file. */
    @Override
    public List<String> problems(String id, ChannelInstance c) {
        List<String> problems = new ArrayList<>();
        String key = "hub.channels." + id;
        if (c.getEndpoint() == null || c.getEndpoint().isBlank()) {
            problems.add(key + ".endpoint is not set: a pos-ftp instance needs its FTP URL");
        }
        try {
            Charset.forName(c.getCharset());
        } catch (IllegalArgumentException e) {
            problems.add(key + ".charset is " + c.getCharset() + ", not a charset this JVM has (UTF-8, GBK)");
        }
        if (c.getZone() != null) {
            try {
                ZoneId.of(c.getZone());
            } catch (java.time.DateTimeException e) {
                problems.add(key + ".zone is " + c.getZone() + ", not a time zone (Asia/Shanghai)");
            }
        }
        return problems;
    }
}
