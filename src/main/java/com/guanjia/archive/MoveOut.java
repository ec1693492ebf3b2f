package com.guanjia.archive;

import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;

/** The body of {@code POST /api/residents/{residentId}/move-out}. */
record MoveOut(@NotNull LocalDate movedOutOn) {}
