set names 'utf8';

create table "user" ("id" varchar(255) not null, "name" varchar(255) null, "email" varchar(255) null, "email_verified" timestamptz null, "image" varchar(255) null, primary key ("id"));
alter table "user" add constraint "user_email_unique" unique ("email");

create table "session" ("id" varchar(255) not null, "user_id" varchar(255) not null, "expires" timestamptz not null, "session_token" varchar(255) not null, primary key ("id"));
alter table "session" add constraint "session_session_token_unique" unique ("session_token");

create table "authenticator" ("credential_id" varchar(255) not null, "user_id" varchar(255) not null, "provider_account_id" varchar(255) not null, "credential_public_key" text not null, "counter" int not null, "credential_device_type" varchar(255) not null, "credential_backed_up" boolean not null, "transports" varchar(255) null, primary key ("credential_id"));

create table "account" ("id" varchar(255) not null, "user_id" varchar(255) not null, "type" varchar(255) not null, "provider" varchar(255) not null, "provider_account_id" varchar(255) not null, "refresh_token" text null, "access_token" text null, "expires_at" int null, "token_type" varchar(255) null, "scope" varchar(255) null, "id_token" text null, "session_state" varchar(255) null, primary key ("id"));
alter table "account" add constraint "account_provider_provider_account_id_unique" unique ("provider", "provider_account_id");

create table "verification_token" ("token" varchar(255) not null, "expires" timestamptz not null, "identifier" varchar(255) not null, primary key ("token"));
alter table "verification_token" add constraint "verification_token_token_identifier_unique" unique ("token", "identifier");

alter table "session" add constraint "session_user_id_foreign" foreign key ("user_id") references "user" ("id") on delete cascade;

alter table "authenticator" add constraint "authenticator_user_id_foreign" foreign key ("user_id") references "user" ("id") on delete cascade;

alter table "account" add constraint "account_user_id_foreign" foreign key ("user_id") references "user" ("id") on delete cascade;
