-- warta store, schema version 6: an event keeps the event filter's confidence (0-1, the probability
-- that it is a correct international triple; NULL for domestic events, events without a receiver,
-- and rows stored before this version until re-analysed).
ALTER TABLE events ADD COLUMN confidence DOUBLE;
