package org.gorlj.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Where one run of a cluster bench stands, as stored (JSON text) in the bench's ticket map; a member
 * changes a ticket only by replacing the exact text it read (compare-and-set), so two members never
 * both claim a run.
 *
 * @param state queued, training, done, diverged or failed
 * @param owner the UUID of the member training it (or that ended it), empty when queued
 * @param ownerAddress that member's {@code host:port}, for people
 * @param steps environment steps its latest stored checkpoint covers
 * @param sessions how many times a member started or resumed it
 * @param updatedMillis when the ticket last changed (the writer's clock)
 * @param note why a run failed, or what ended it
 */
public record RunTicket(
        State state, String owner, String ownerAddress, long steps, int sessions, long updatedMillis, String note) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A run's state in the cluster. */
    public enum State {
        /** Waiting for a member. */
        QUEUED,
        /** A member trains it. */
        TRAINING,
        /** Trained to its budget; its final files are stored. */
        DONE,
        /** Stopped on a non-finite number. */
        DIVERGED,
        /** Its worker failed; not retried in this bench session. */
        FAILED;

        /** Whether the run needs no more training in this session. */
        public boolean ended() {
            return this == DONE || this == DIVERGED || this == FAILED;
        }
    }

    /** A queued run that has trained {@code steps} steps so far. */
    static RunTicket queued(long steps) {
        return new RunTicket(State.QUEUED, "", "", steps, 0, System.currentTimeMillis(), "");
    }

    /** This ticket claimed by a member. */
    RunTicket claimedBy(String uuid, String address) {
        return new RunTicket(State.TRAINING, uuid, address, steps, sessions + 1, System.currentTimeMillis(), "");
    }

    /** This ticket with the steps of a new stored checkpoint. */
    RunTicket at(long newSteps) {
        return new RunTicket(state, owner, ownerAddress, newSteps, sessions, System.currentTimeMillis(), note);
    }

    /** This ticket ended in {@code s}. */
    RunTicket ended(State s, long finalSteps, String why) {
        return new RunTicket(s, owner, ownerAddress, finalSteps, sessions, System.currentTimeMillis(), why);
    }

    /** This ticket back in the queue (its member stopped or lost it), keeping its steps. */
    RunTicket requeued() {
        return new RunTicket(State.QUEUED, "", "", steps, sessions, System.currentTimeMillis(), "");
    }

    /** The JSON text stored in the map. */
    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads the stored JSON text (null for null). */
    static RunTicket fromJson(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, RunTicket.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a run ticket in the cluster is not one: " + json, e);
        }
    }
}
