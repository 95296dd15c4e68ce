# Sparade versioner kontrolleras byte för byte mot sina manifest, så git får aldrig ändra
# deras radslut (core.autocrlf gör det i Windows). YAML förblir LF överallt, så att en plan
# ger samma byte på varje dator.
* text=auto eol=lf
/output/** -text
*.pdf binary
*.png binary
*.jpg binary
