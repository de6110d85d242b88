"""The core: the workbook reader, the document model, the rule/finding types and the engine."""
