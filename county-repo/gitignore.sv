# rakeplan: godkända versioner i output/<område>/<version>/ är områdets arkivexemplar och
# sparas i git; utkast och den publicerade webbplatsen byggs om när som helst.
/output/*/draft/
/output/site/
# Versionsarkivets lås och tillfälliga namn från avbrutna körningar (nästa körning städar).
/output/.rakeplan.lock
.rakeplan-tmp-*
.*.tmp
# rakeplan som CI har installerat.
/.rakeplan-bin/
