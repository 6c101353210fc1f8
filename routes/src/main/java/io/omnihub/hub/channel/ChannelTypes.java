package io.omnihub.hub.channel;

import io.omnihub.channel.ChannelInstance;
import io.omnihub.channel.ChannelType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The channel kinds on the class path, by {@link ChannelType#name()}. */
public final class ChannelTypes {

    private static final Map<String, ChannelType> BY_NAME = ServiceLoader.load(ChannelType.class).stream()
            .map(ServiceLoader.Provider::get)
            .collect(Collectors.toMap(
                    ChannelType::name,
                    t -> t,
                    (a, b) -> {
                        throw new IllegalStateException("two channel types named " + a.name() + ": "
                                + a.getClass().getName() + " and "
                                + b.getClass().getName());
                    },
                    TreeMap::new));

    private ChannelTypes() {}

    /** The kind named {@code name}; an instance of any other type is refused at start with the known names. */
    public static ChannelType of(String name) {
        ChannelType type = name == null ? null : BY_NAME.get(name);
        if (type == null) {
            throw new IllegalArgumentException(
                    "unknown channel type " + name + " (known: " + String.join(", ", names()) + ")");
        }
        return type;
    }

    public static boolean known(String name) {
        return name != null && BY_NAME.containsKey(name);
    }

    /**
     * Refuses the start ({@link ChannelSettingsException}) when an enabled instance has a type the
     * hub does not know or settings its type cannot run with (at start, by {@link ChannelSettingsCheck}).
     */
    public static void requireValid(Map<String, ChannelInstance> instances) {
        List<String> problems = new ArrayList<>();
        instances.forEach((id, c) -> {
            if (!c.isEnabled()) {
                return;
            }
            if (!known(c.getType())) {
                problems.add("hub.channels." + id + ".type is " + c.getType());
            } else {
                problems.addAll(of(c.getType()).problems(id, c));
            }
        });
        if (!problems.isEmpty()) {
            throw new ChannelSettingsException(problems);
        }
    }

    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }
}
