package com.guanjia.notification;

/**
 * Milestones the resident hears about (R6). Each has its templates,
 * {@code notifications/<NAME>.resident.<locale>.mustache}.
 */
public enum Notice {
  RECEIVED, STAFF_ON_THE_WAY, ETA_PROMISED, ESCORT_BOOKED, ANSWERED, ACKNOWLEDGED, COMPLETED, CALLBACK_COMING,
  /** A long case (a construction defect) tells its progress at the interval request-triage gives. */
  PROGRESS
}
