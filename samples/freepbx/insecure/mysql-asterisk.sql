-- MySQL dump 10.19  Distrib 10.5.26-MariaDB, for Linux (x86_64)
-- Host: localhost    Database: asterisk

CREATE TABLE `freepbx_settings` (
  `keyword` varchar(50) NOT NULL DEFAULT '',
  `value` varchar(255) DEFAULT NULL,
  `name` varchar(80) DEFAULT NULL,
  `level` tinyint(1) DEFAULT 0,
  `module` varchar(25) DEFAULT NULL,
  PRIMARY KEY (`keyword`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

INSERT INTO `freepbx_settings` VALUES ('AUTHTYPE','none','Authorization Type',3,''),('AMPMGRUSER','admin','Asterisk Manager User',2,''),('AMPMGRPASS','amp111','Asterisk Manager Password',2,''),('FREEPBX_SYSTEM_IDENT','VoIP Server','System Identity',0,'');

CREATE TABLE `userman_users` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `auth` varchar(150) DEFAULT 'freepbx',
  `username` varchar(150) DEFAULT NULL,
  `description` varchar(255) DEFAULT NULL,
  `password` varchar(255) DEFAULT NULL,
  `default_extension` varchar(45) NOT NULL DEFAULT 'none',
  PRIMARY KEY (`id`)
) ENGINE=InnoDB;

INSERT INTO `userman_users` VALUES (1,'freepbx','jdoe','John Doe','$2a$08$kQk1n0m0bTqzL2m0cV9a9uQyq1oG2o2gV6f5r2zZ1vYy8Tb3k2b9W','1001'),(2,'freepbx','helpdesk','Shared helpdesk login','875a8f2f42c570f5f4ea7bfd154f582bcf95673a','none'),(3,'freepbx','anna','Anna (sales)','c0b137fe2d792459f26ff763cce44574a5b5ab03','1002');

CREATE TABLE `userman_groups` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `groupname` varchar(150) DEFAULT NULL,
  `description` varchar(255) DEFAULT NULL,
  `priority` int(11) NOT NULL DEFAULT 5,
  `users` blob,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB;

INSERT INTO `userman_groups` VALUES (1,'All Users','Everyone',10,'[\"1\",\"2\",\"3\"]'),(2,'IT','Administrators',1,'[\"1\",\"2\"]');

CREATE TABLE `userman_users_settings` (
  `uid` int(11) NOT NULL,
  `module` char(65) NOT NULL,
  `key` char(255) NOT NULL,
  `val` longblob NOT NULL,
  `type` char(16) DEFAULT NULL
) ENGINE=InnoDB;

INSERT INTO `userman_users_settings` VALUES (3,'global','pbx_login','0',NULL);

CREATE TABLE `userman_groups_settings` (
  `gid` int(11) NOT NULL,
  `module` char(65) NOT NULL,
  `key` char(255) NOT NULL,
  `val` longblob NOT NULL,
  `type` char(16) DEFAULT NULL
) ENGINE=InnoDB;

INSERT INTO `userman_groups_settings` VALUES (1,'global','pbx_login','0',NULL),(2,'global','pbx_login','1',NULL),(2,'global','pbx_admin','1',NULL);
