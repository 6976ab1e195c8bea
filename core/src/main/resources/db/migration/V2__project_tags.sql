-- Project tags: a JSON array of strings (normalised and bounded by ProjectService), filtered with json_each.
ALTER TABLE projects ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
