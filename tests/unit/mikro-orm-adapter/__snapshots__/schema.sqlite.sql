create table `user` (`id` text not null primary key, `name` text null, `email` text null, `email_verified` datetime null, `image` text null);
create unique index `user_email_unique` on `user` (`email`);

create table `session` (`id` text not null primary key, `user_id` text not null, `expires` datetime not null, `session_token` text not null, constraint `session_user_id_foreign` foreign key (`user_id`) references `user` (`id`) on delete cascade);
create index `session_user_id_index` on `session` (`user_id`);
create unique index `session_session_token_unique` on `session` (`session_token`);

create table `authenticator` (`credential_id` text not null primary key, `user_id` text not null, `provider_account_id` text not null, `credential_public_key` text not null, `counter` integer not null, `credential_device_type` text not null, `credential_backed_up` integer not null, `transports` text null, constraint `authenticator_user_id_foreign` foreign key (`user_id`) references `user` (`id`) on delete cascade);
create index `authenticator_user_id_index` on `authenticator` (`user_id`);

create table `account` (`id` text not null primary key, `user_id` text not null, `type` text not null, `provider` text not null, `provider_account_id` text not null, `refresh_token` text null, `access_token` text null, `expires_at` integer null, `token_type` text null, `scope` text null, `id_token` text null, `session_state` text null, constraint `account_user_id_foreign` foreign key (`user_id`) references `user` (`id`) on delete cascade);
create index `account_user_id_index` on `account` (`user_id`);
create unique index `account_provider_provider_account_id_unique` on `account` (`provider`, `provider_account_id`);

create table `verification_token` (`token` text not null primary key, `expires` datetime not null, `identifier` text not null);
create unique index `verification_token_token_identifier_unique` on `verification_token` (`token`, `identifier`);
