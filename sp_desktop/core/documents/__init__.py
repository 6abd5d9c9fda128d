"""Documents that leave the PC: PDFs, spreadsheets, the handover and its verification."""
