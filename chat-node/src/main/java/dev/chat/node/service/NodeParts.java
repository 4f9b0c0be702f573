package dev.chat.node.service;

import dev.chat.node.broker.Broker;
import dev.chat.node.store.MessageLog;
import dev.chat.node.store.RoomPresence;
import dev.chat.node.store.Rooms;
import dev.chat.node.store.Roster;

/**
 * What a node shares with the other nodes, each behind its contract: the broker (pub/sub across
 * nodes), the message log (send, history, entering), presence and its roster of names, and the
 * rooms that exist. Redis implements them all in production; unit tests pass memory ones.
 */
public record NodeParts(Broker broker, MessageLog messages, RoomPresence presence, Roster roster, Rooms rooms) {
}
