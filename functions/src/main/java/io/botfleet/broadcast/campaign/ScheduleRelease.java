package io.botfleet.broadcast.campaign;

/** Told when a campaign stops waiting for its schedule without it firing (started now, cancelled): its trigger can go. */
public interface ScheduleRelease {
    ScheduleRelease NONE = campaign -> { };

    void released(Campaign campaign);
}
