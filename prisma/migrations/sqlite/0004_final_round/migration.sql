-- CreateTable
CREATE TABLE "FinalRound" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roomId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'voting',
    "candidates" TEXT NOT NULL,
    "seed" TEXT NOT NULL,
    "winnerRatingKey" TEXT,
    "decidedBy" TEXT,
    "endedBy" TEXT,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" DATETIME,
    CONSTRAINT "FinalRound_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FinalVote" (
    "roundId" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "ratingKey" TEXT NOT NULL,
    "votedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("roundId", "participantId"),
    CONSTRAINT "FinalVote_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "FinalRound" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "FinalVote_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "FinalRound_roomId_startedAt_idx" ON "FinalRound"("roomId", "startedAt");

