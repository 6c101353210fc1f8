package io.omnihub.hub.pos;

import io.omnihub.hub.channel.NamedChannelType;

/** A POS fleet dropping MEMBERS, SALES and STOCK files on an FTP directory, polled by {@link PosDropRoutes}. */
public final class PosFtpChannelType extends NamedChannelType {

    public static final String NAME = "pos-ftp";

    public PosFtpChannelType() {
        super(NAME, "password");
    }
}
