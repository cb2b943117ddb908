"""How Sabor writes its PDFs (the annual report, certificates, attendance sheets)."""

# PDF/UA-1: a tagged PDF (structure tree, /MarkInfo /Marked true) whose /Lang comes from
# the page's <html lang> and whose title from its <title>, shown instead of the file name,
# so that a screen reader reads headings, tables and lists as such and in the right voice.
WRITE_OPTIONS = {"pdf_variant": "pdf/ua-1"}
