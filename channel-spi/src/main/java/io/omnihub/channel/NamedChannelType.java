package io.omnihub.channel;

import java.util.List;

/** A {@link ChannelType} that is its name and its secrets; platforms the hub pulls add their order channel. */
public abstract class NamedChannelType implements ChannelType {

    private final String name;
    private final List<String> secrets;

    protected NamedChannelType(String name, String... secrets) {
        this.name = name;
        this.secrets = List.of(secrets);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<String> secrets() {
        return secrets;
    }
}
