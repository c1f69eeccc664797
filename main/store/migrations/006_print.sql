-- Print history: how each print left the desk. print_log.printer holds the OS printer's name
-- (NULL: the default printer, or a PDF) or host:port of a network label printer.
ALTER TABLE print_log ADD COLUMN output TEXT NOT NULL DEFAULT 'printer' CHECK (output IN ('pdf', 'printer', 'raw'));
