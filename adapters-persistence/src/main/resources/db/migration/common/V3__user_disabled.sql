-- An admin can disable a user: their sign-in is refused from then on (issue #9, F12).
ALTER TABLE users ADD COLUMN disabled BOOLEAN DEFAULT FALSE NOT NULL;
