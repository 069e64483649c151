set names utf8mb4;

create table `user` (`id` varchar(255) not null, `name` varchar(255) null, `email` varchar(255) null, `email_verified` datetime(3) null, `image` varchar(255) null, primary key (`id`)) default character set utf8mb4 engine = InnoDB;
alter table `user` add unique `user_email_unique` (`email`);

create table `session` (`id` varchar(255) not null, `user_id` varchar(255) not null, `expires` datetime(3) not null, `session_token` varchar(255) not null, primary key (`id`)) default character set utf8mb4 engine = InnoDB;
alter table `session` add index `session_user_id_index` (`user_id`);
alter table `session` add unique `session_session_token_unique` (`session_token`);

create table `authenticator` (`credential_id` varchar(255) not null, `user_id` varchar(255) not null, `provider_account_id` varchar(255) not null, `credential_public_key` text not null, `counter` int not null, `credential_device_type` varchar(255) not null, `credential_backed_up` tinyint(1) not null, `transports` varchar(255) null, primary key (`credential_id`)) default character set utf8mb4 engine = InnoDB;
alter table `authenticator` add index `authenticator_user_id_index` (`user_id`);

create table `account` (`id` varchar(255) not null, `user_id` varchar(255) not null, `type` varchar(255) not null, `provider` varchar(255) not null, `provider_account_id` varchar(255) not null, `refresh_token` text null, `access_token` text null, `expires_at` int null, `token_type` varchar(255) null, `scope` varchar(255) null, `id_token` text null, `session_state` varchar(255) null, primary key (`id`)) default character set utf8mb4 engine = InnoDB;
alter table `account` add index `account_user_id_index` (`user_id`);
alter table `account` add unique `account_provider_provider_account_id_unique` (`provider`, `provider_account_id`);

create table `verification_token` (`token` varchar(255) not null, `expires` datetime(3) not null, `identifier` varchar(255) not null, primary key (`token`)) default character set utf8mb4 engine = InnoDB;
alter table `verification_token` add unique `verification_token_token_identifier_unique` (`token`, `identifier`);

alter table `session` add constraint `session_user_id_foreign` foreign key (`user_id`) references `user` (`id`) on delete cascade;

alter table `authenticator` add constraint `authenticator_user_id_foreign` foreign key (`user_id`) references `user` (`id`) on delete cascade;

alter table `account` add constraint `account_user_id_foreign` foreign key (`user_id`) references `user` (`id`) on delete cascade;
