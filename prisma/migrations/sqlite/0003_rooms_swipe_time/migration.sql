-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Swipe" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roomId" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "ratingKey" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "liked" BOOLEAN NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "swipedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Swipe_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Swipe_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Swipe" ("createdAt", "id", "liked", "participantId", "position", "ratingKey", "roomId") SELECT "createdAt", "id", "liked", "participantId", "position", "ratingKey", "roomId" FROM "Swipe";
DROP TABLE "Swipe";
ALTER TABLE "new_Swipe" RENAME TO "Swipe";
CREATE INDEX "Swipe_participantId_position_idx" ON "Swipe"("participantId", "position");
CREATE INDEX "Swipe_roomId_ratingKey_idx" ON "Swipe"("roomId", "ratingKey");
CREATE UNIQUE INDEX "Swipe_participantId_ratingKey_key" ON "Swipe"("participantId", "ratingKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

