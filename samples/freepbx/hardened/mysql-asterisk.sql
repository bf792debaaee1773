-- MySQL dump 10.19  Distrib 10.11.6-MariaDB, for debian-linux-gnu (x86_64)
CREATE TABLE `freepbx_settings` (
  `keyword` varchar(50) NOT NULL DEFAULT '',
  `value` varchar(255) DEFAULT NULL,
  `name` varchar(80) DEFAULT NULL,
  `level` tinyint(1) DEFAULT 0,
  `module` varchar(25) DEFAULT NULL,
  PRIMARY KEY (`keyword`)
) ENGINE=InnoDB;
INSERT INTO `freepbx_settings` VALUES ('AMPMGRUSER','fpbx-ami','Asterisk Manager User',2,''),('AMPMGRPASS','hT6#qW2!zR8@vN4m','Asterisk Manager Password',2,'');

CREATE TABLE `modules` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `modulename` varchar(50) NOT NULL DEFAULT '',
  `version` varchar(20) NOT NULL DEFAULT '',
  `enabled` tinyint(4) NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB;
INSERT INTO `modules` VALUES (1,'framework','17.0.19',1),(2,'core','17.0.12',1),(3,'userman','17.0.4',1),(4,'pbxmfa','17.0.2',1),(5,'sipsettings','17.0.6',1);

CREATE TABLE `userman_users` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `auth` varchar(150) DEFAULT 'freepbx',
  `username` varchar(150) DEFAULT NULL,
  `description` varchar(255) DEFAULT NULL,
  `password` varchar(255) DEFAULT NULL,
  `default_extension` varchar(45) NOT NULL DEFAULT 'none',
  PRIMARY KEY (`id`)
) ENGINE=InnoDB;
INSERT INTO `userman_users` VALUES (1,'freepbx','k.jansen','Karin Jansen','$2y$10$Jx3u9Qw1Lk2mN8bV7cX6zO1pA5sD4fG3hJ2kL9qW8eR7tY6uI5oP.','2001'),(2,'freepbx','m.devries','Mark de Vries','$2y$10$Qa1sW2dE3rF4tG5yH6uJ7iK8oL9pZ0xC1vB2nM3qW4eR5tY6uI7oP.','2002'),(3,'freepbx','p.smit','Petra Smit','$2y$10$Zx9cV8bN7mQ6wE5rT4yU3iO2pA1sD0fG9hJ8kL7qW6eR5tY4uI3oP.','none');

CREATE TABLE `userman_groups` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `groupname` varchar(150) DEFAULT NULL,
  `description` varchar(255) DEFAULT NULL,
  `priority` int(11) NOT NULL DEFAULT 5,
  `users` blob,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB;
INSERT INTO `userman_groups` VALUES (1,'All Users','UCP only',10,'[\"1\",\"2\",\"3\"]'),(2,'PBX Admins','Telephony team',1,'[\"1\"]'),(3,'Helpdesk','Extensions only',2,'[\"2\"]');

CREATE TABLE `userman_users_settings` (
  `uid` int(11) NOT NULL,
  `module` char(65) NOT NULL,
  `key` char(255) NOT NULL,
  `val` longblob NOT NULL,
  `type` char(16) DEFAULT NULL
) ENGINE=InnoDB;

CREATE TABLE `userman_groups_settings` (
  `gid` int(11) NOT NULL,
  `module` char(65) NOT NULL,
  `key` char(255) NOT NULL,
  `val` longblob NOT NULL,
  `type` char(16) DEFAULT NULL
) ENGINE=InnoDB;
INSERT INTO `userman_groups_settings` VALUES (1,'global','pbx_login','0',NULL),(2,'global','pbx_login','1',NULL),(2,'global','pbx_admin','0',NULL),(2,'global','pbx_modules','[\"core\",\"userman\",\"sipsettings\",\"backup\"]','json-arr'),(3,'global','pbx_login','1',NULL),(3,'global','pbx_modules','[\"core\"]','json-arr');
