"""Reports: JSON documents, tables, figures and Markdown/HTML pages drawn from checked certificates."""
