#!/bin/sh
# One FTP user (FTP_USER / FTP_PASSWORD) whose home holds a directory per pos-ftp instance (FTP_DIRS).
set -e
: "${FTP_USER:=pos}"
: "${FTP_PASSWORD:?set FTP_PASSWORD}"
: "${FTP_DIRS:=pos-east}"
id "$FTP_USER" >/dev/null 2>&1 || adduser -D -h "/home/$FTP_USER" "$FTP_USER"
echo "$FTP_USER:$FTP_PASSWORD" | chpasswd >/dev/null
for d in $FTP_DIRS; do mkdir -p "/home/$FTP_USER/$d"; done
chown -R "$FTP_USER" "/home/$FTP_USER"
# the address passive replies name: the host's, for stores that reach the server through the published ports
if [ -n "$PASV_ADDRESS" ]; then echo "pasv_address=$PASV_ADDRESS" >> /etc/vsftpd/vsftpd.conf; fi
exec vsftpd /etc/vsftpd/vsftpd.conf
