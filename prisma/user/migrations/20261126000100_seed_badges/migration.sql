-- Badge catalog. Slugs are referenced by the automatic award rules; never rename one.
INSERT INTO "badges" ("slug", "name", "description", "icon_url") VALUES
  ('first-goal', 'First Step', 'Created your first learning goal.', NULL),
  ('first-goal-completed', 'Finisher', 'Completed your first learning goal.', NULL),
  ('profile-completed', 'Introduced', 'Filled in display name, bio, avatar and location.', NULL),
  ('mentor', 'Mentor', 'Recognised by an admin for helping other learners.', NULL)
ON CONFLICT ("slug") DO NOTHING;
