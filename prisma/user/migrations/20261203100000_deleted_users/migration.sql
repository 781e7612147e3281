-- Account lifecycle (issue 14): tombstones of deleted auth users. UserDeleted deletes the user's
-- reference (profile, goals and awarded badges go with it, ON DELETE CASCADE) and leaves this row,
-- so a UserCreated arriving after its UserDeleted is recognised and ignored.

-- CreateTable
CREATE TABLE "deleted_users" (
    "id" INTEGER NOT NULL,
    "deleted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "deleted_users_pkey" PRIMARY KEY ("id")
);
