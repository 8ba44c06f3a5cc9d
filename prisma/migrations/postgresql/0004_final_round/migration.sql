-- CreateTable
CREATE TABLE "FinalRound" (
    "id" TEXT NOT NULL,
    "roomId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'voting',
    "candidates" TEXT NOT NULL,
    "seed" TEXT NOT NULL,
    "winnerRatingKey" TEXT,
    "decidedBy" TEXT,
    "endedBy" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "FinalRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FinalVote" (
    "roundId" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "ratingKey" TEXT NOT NULL,
    "votedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FinalVote_pkey" PRIMARY KEY ("roundId","participantId")
);

-- CreateIndex
CREATE INDEX "FinalRound_roomId_startedAt_idx" ON "FinalRound"("roomId", "startedAt");

-- AddForeignKey
ALTER TABLE "FinalRound" ADD CONSTRAINT "FinalRound_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FinalVote" ADD CONSTRAINT "FinalVote_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "FinalRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FinalVote" ADD CONSTRAINT "FinalVote_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

