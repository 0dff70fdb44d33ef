-- Whether the device's OS said its clock was NTP-synchronised when it took the measurement
-- (ClockSample.os_clock_synchronized): 1 yes, 0 no or not reported. An offset within the uncertainty of a
-- synchronised clock's measurement is noise, and the server does not move that boot's events by it.
ALTER TABLE clock_samples ADD COLUMN os_synced INTEGER NOT NULL DEFAULT 0;
