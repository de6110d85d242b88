"""``checker draft``: the narrative (情况说明) written from the workbook's tables, as a Word document
or as the narrative sheets of a copy of the workbook."""
