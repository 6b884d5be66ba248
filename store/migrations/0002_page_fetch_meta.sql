-- 0002_page_fetch_meta: the fetch metadata of a page moves out of its content-addressed
-- facts into its pages row, so that a page refetched with a new body hash, ETag or
-- Last-Modified but unchanged extracted facts shares its page_facts row.
--
-- Rows stored before this migration keep Hash, ETag and Last-Modified inside their
-- facts JSON, and have '' here; readers take a non-empty column over the JSON.
ALTER TABLE pages ADD COLUMN hash          TEXT NOT NULL DEFAULT '';
ALTER TABLE pages ADD COLUMN etag          TEXT NOT NULL DEFAULT '';
ALTER TABLE pages ADD COLUMN last_modified TEXT NOT NULL DEFAULT '';
