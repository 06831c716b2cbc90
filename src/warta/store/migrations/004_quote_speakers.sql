-- warta store, schema version 4: a quote's speaker keeps its character offsets (into articles.text,
-- like every other span), so pages can mark the speaker and exports give the analyser's output whole.
-- NULL when the quote has no speaker; rows stored before this version have NULL too until re-analysed.
ALTER TABLE quotes ADD COLUMN speaker_start INTEGER;
ALTER TABLE quotes ADD COLUMN speaker_end INTEGER;
