package dev.chat.node.identity;

import java.security.SecureRandom;
import java.util.List;
import java.util.random.RandomGenerator;

/** Friendly anonymous names ("Quiet Otter") and unguessable user ids. */
public final class NameGenerator {

    private static final List<String> ADJECTIVES = List.of("Quiet", "Brave", "Clever", "Gentle", "Happy", "Lucky",
            "Mellow", "Nimble", "Proud", "Swift", "Witty", "Calm", "Bright", "Cosy", "Daring", "Eager", "Fuzzy",
            "Jolly", "Kind", "Lively", "Merry", "Noble", "Plucky", "Sunny", "Zesty", "Curious", "Dapper", "Breezy");
    private static final List<String> ANIMALS = List.of("Otter", "Badger", "Falcon", "Fox", "Heron", "Koala",
            "Lynx", "Marten", "Owl", "Panda", "Puffin", "Raven", "Seal", "Tiger", "Walrus", "Wombat", "Yak", "Zebra",
            "Beaver", "Crane", "Dolphin", "Gecko", "Ibis", "Lemur", "Moose", "Newt", "Quokka", "Robin");
    private static final char[] ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private final RandomGenerator random;

    public NameGenerator() {
        this(new SecureRandom());
    }

    public NameGenerator(RandomGenerator random) {
        this.random = random;
    }

    public User newUser() {
        return new User("u-" + randomId(16), name());
    }

    public String name() {
        return ADJECTIVES.get(random.nextInt(ADJECTIVES.size())) + " " + ANIMALS.get(random.nextInt(ANIMALS.size()));
    }

    public String randomId(int length) {
        char[] id = new char[length];
        for (int i = 0; i < length; i++) {
            id[i] = ID_ALPHABET[random.nextInt(ID_ALPHABET.length)];
        }
        return new String(id);
    }
}
