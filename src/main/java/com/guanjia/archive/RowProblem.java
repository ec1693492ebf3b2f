package com.guanjia.archive;

/**
 * A bad row of an imported file: its number as the spreadsheet shows it (the header is row 1; 0 for the file as a
 * whole), the field and the file's column, and what is wrong, in Chinese for the person who uploaded it.
 */
record RowProblem(int row, String field, String column, String message) {}
