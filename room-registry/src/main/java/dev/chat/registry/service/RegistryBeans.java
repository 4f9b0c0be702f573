package dev.chat.registry.service;

import dev.chat.contract.RegistryKeys;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.chat.contract.RedisKeys;
import dev.chat.registry.config.RegistryConfig;

/** Produces the plain (framework-free) objects the services share, from the typed configuration. */
public class RegistryBeans {

    @Produces
    @Singleton
    RedisKeys redisKeys(RegistryConfig config) {
        return new RedisKeys(config.redis().keyPrefix());
    }

    @Produces
    @Singleton
    RegistryKeys registryKeys(RedisKeys keys) {
        return new RegistryKeys(keys);
    }

    @Produces
    @Singleton
    RoomOptions roomOptions(RegistryConfig config) {
        return RoomOptions.of(config.rooms().clearIntervals(), config.rooms().expiries());
    }

    @Produces
    @Singleton
    NewRoomParser newRoomParser(RoomOptions options, RegistryConfig config) {
        return new NewRoomParser(options, config.rooms().maxNameLength());
    }

    @Produces
    @Singleton
    MessageTextParser messageTextParser(RegistryConfig config) {
        return new MessageTextParser(config.limits().maxTextLength());
    }

    @Produces
    @Singleton
    HistoryQueryParser historyQueryParser(RegistryConfig config) {
        return new HistoryQueryParser(config.history().pageSize(), config.history().maxPageSize());
    }

    @Produces
    @Singleton
    ApiKey apiKey(RegistryConfig config) {
        return new ApiKey(config.apiKey());
    }
}
