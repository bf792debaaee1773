--
-- PostgreSQL database dump
--

\restrict voipscan

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: v_default_settings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.v_default_settings (
    default_setting_uuid uuid,
    app_uuid uuid,
    default_setting_category text,
    default_setting_subcategory text,
    default_setting_name text,
    default_setting_value text,
    default_setting_order numeric,
    default_setting_enabled boolean,
    default_setting_description text,
    insert_date timestamp with time zone,
    insert_user uuid,
    update_date timestamp with time zone,
    update_user uuid
);


--
-- Name: v_domain_settings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.v_domain_settings (
    domain_uuid uuid,
    domain_setting_uuid uuid,
    app_uuid uuid,
    domain_setting_category text,
    domain_setting_subcategory text,
    domain_setting_name text,
    domain_setting_value text,
    domain_setting_order numeric,
    domain_setting_enabled boolean,
    domain_setting_description text,
    insert_date timestamp with time zone,
    insert_user uuid,
    update_date timestamp with time zone,
    update_user uuid
);


--
-- Name: v_domains; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.v_domains (
    domain_uuid uuid,
    domain_parent_uuid uuid,
    domain_name text,
    domain_enabled boolean,
    domain_description text,
    insert_date timestamp with time zone,
    insert_user uuid,
    update_date timestamp with time zone,
    update_user uuid
);


--
-- Name: v_group_permissions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.v_group_permissions (
    group_permission_uuid uuid,
    domain_uuid uuid,
    permission_name text,
    permission_protected text,
    permission_assigned text,
    group_name text,
    group_uuid uuid,
    insert_date timestamp with time zone,
    insert_user uuid,
    update_date timestamp with time zone,
    update_user uuid
);


--
-- Name: v_groups; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.v_groups (
    group_uuid uuid,
    domain_uuid uuid,
    group_name text,
    group_protected boolean,
    group_level numeric,
    group_description text,
    insert_date timestamp with time zone,
    insert_user uuid,
    update_date timestamp with time zone,
    update_user uuid
);


--
-- Name: v_software; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.v_software (
    software_uuid uuid,
    software_name text,
    software_url text,
    software_version text,
    insert_date timestamp with time zone,
    insert_user uuid,
    update_date timestamp with time zone,
    update_user uuid
);


--
-- Name: v_user_groups; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.v_user_groups (
    user_group_uuid uuid,
    domain_uuid uuid,
    group_name text,
    group_uuid uuid,
    user_uuid uuid,
    insert_date timestamp with time zone,
    insert_user uuid,
    update_date timestamp with time zone,
    update_user uuid
);


--
-- Name: v_users; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.v_users (
    user_uuid uuid,
    domain_uuid uuid,
    contact_uuid uuid,
    username text,
    password text,
    salt text,
    user_email text,
    user_status text,
    api_key text,
    user_totp_secret text,
    user_type text,
    user_enabled boolean,
    add_user text,
    add_date text,
    insert_date timestamp with time zone,
    insert_user uuid,
    update_date timestamp with time zone,
    update_user uuid
);


--
-- Data for Name: v_default_settings; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.v_default_settings (default_setting_uuid, app_uuid, default_setting_category, default_setting_subcategory, default_setting_name, default_setting_value, default_setting_order, default_setting_enabled, default_setting_description, insert_date, insert_user, update_date, update_user) FROM stdin;
cd0af67b-5167-5b1c-8e76-7c403f04fa23	\N	authentication	methods	array	database	\N	t	\N	\N	\N	\N	\N
15b05b02-0fe2-56cf-b6f2-c41011508102	\N	authentication	methods	array	email	\N	f	\N	\N	\N	\N	\N
04000d8c-674e-5dd5-939e-4e3aeafa1afc	\N	authentication	methods	array	totp	\N	f	\N	\N	\N	\N	\N
c4a59fcc-b452-50a5-b2b9-e9ff9bd40c75	\N	users	password_length	numeric	12	\N	t	\N	\N	\N	\N	\N
795e7cb5-02ac-588b-9483-3ba2f974f5da	\N	users	unique	text	global	\N	f	\N	\N	\N	\N	\N
\.


--
-- Data for Name: v_domain_settings; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.v_domain_settings (domain_uuid, domain_setting_uuid, app_uuid, domain_setting_category, domain_setting_subcategory, domain_setting_name, domain_setting_value, domain_setting_order, domain_setting_enabled, domain_setting_description, insert_date, insert_user, update_date, update_user) FROM stdin;
15f57ef5-b3b4-59f1-a80a-663fb72a5614	adcd1888-bbbd-5819-bbf5-2b43fe23f050	\N	users	password_length	numeric	6	\N	t	\N	\N	\N	\N	\N
\.


--
-- Data for Name: v_domains; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.v_domains (domain_uuid, domain_parent_uuid, domain_name, domain_enabled, domain_description, insert_date, insert_user, update_date, update_user) FROM stdin;
793660d0-36f7-5a50-99fb-4c0799394071	\N	pbx.example.com	t	\N	\N	\N	\N	\N
15f57ef5-b3b4-59f1-a80a-663fb72a5614	\N	tenant2.example.net	t	\N	\N	\N	\N	\N
\.


--
-- Data for Name: v_group_permissions; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.v_group_permissions (group_permission_uuid, domain_uuid, permission_name, permission_protected, permission_assigned, group_name, group_uuid, insert_date, insert_user, update_date, update_user) FROM stdin;
71a32f7d-ed28-50ff-97dd-c6d2648582b0	\N	access_control_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
f778bae6-fc60-5fb0-b897-e8cc1bf33cc1	\N	access_control_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
85e7413c-1007-558b-8293-3a3e18fc6fac	\N	access_control_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
0120fa61-f7bc-5a91-bd53-b0dcf837d19c	\N	access_control_node_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
ac882c8f-c9f3-5748-acfd-bae8a7d54bc9	\N	access_control_node_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
65ce8a11-f788-5e3d-9735-6a5cb35a20bc	\N	access_control_node_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
64fd9a54-fa27-5d51-8f21-aa3eaf5c6cdd	\N	access_control_node_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
f58b7f5e-319c-5752-aac6-9bb705635ef1	\N	access_control_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
f41f16a5-8772-5717-8965-8587cf5dec2f	\N	api_key	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
a6d97f69-e5b7-5682-8a9b-6e1c3ebee152	\N	call_forward	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
e87e636f-c4f1-5340-987a-bd3e320017c3	\N	call_forward_all	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
2033ed22-9a8f-5b70-9ef5-fad9557e7ab6	\N	contact_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
cc434f1a-79bc-5c99-ad79-aa491f50127d	\N	contact_address_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
4ebe52fb-f807-55f8-ab7e-7533e4d13344	\N	contact_address_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
d0e4a03b-13dc-5a37-b746-b99c7f817b05	\N	contact_address_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
ece6ce57-0ac1-541d-be05-904e7af00581	\N	contact_address_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
c11a0b4e-75f5-5e5f-8df2-55a59be5f7bb	\N	contact_all	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
aa68e395-b3e4-57ed-8bfe-52a037853f33	\N	contact_attachment_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
5470051a-9c18-54d8-a93d-4aecfea8e8d2	\N	contact_attachment_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
4053d4c0-2936-5820-9199-dee06f728ff3	\N	contact_attachment_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
2102cfb9-c29c-5a0e-b585-07203d8d1cff	\N	contact_attachment_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
565022fa-594e-5d90-8889-716589fa9d42	\N	contact_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
6f1c031c-81f9-5d02-88de-5dcb14a88340	\N	contact_domain_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
b5120547-196a-53d7-831e-d99bcfd1ba53	\N	contact_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
a8419bcf-f58b-5fbd-839c-502135e322e6	\N	contact_email_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
13fa7513-8eee-5d35-94eb-e78bc2af15ed	\N	contact_email_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
f450a60a-1728-5a17-85da-1b545e4e74fd	\N	contact_email_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
cf327ee8-7802-546a-9761-76e2a9e5c911	\N	contact_email_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
40368dc7-a0f8-5b98-9867-62d93816565d	\N	contact_group_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
2d2d9ae5-8ff3-5635-9298-3f38d6027c50	\N	contact_group_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
fe1e70b3-ddbf-5154-b321-9c3b3fd0cff3	\N	contact_group_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
1dc32596-7ab1-5805-9e74-9882195fb894	\N	contact_group_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
b3e0d83a-f6c9-5875-bef1-f33e7c35960c	\N	contact_note_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
cc72e2f7-1afb-57db-9067-b9a4fee38648	\N	contact_note_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
84db808b-9de1-5d2b-a394-fd554d284698	\N	contact_note_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
302c3609-fe49-57eb-8968-15686f716a96	\N	contact_note_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
9d2ce103-5e6a-54f7-b109-ee52382422ab	\N	contact_phone_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
371cc5f3-e658-5430-921b-cf6af4d2a59f	\N	contact_phone_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
0cd6c1d5-0e09-5367-8438-a3d6cd1d2f91	\N	contact_phone_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
a31d42c6-89f4-5f5d-b9a5-547a6f292cd5	\N	contact_phone_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
140bed33-225d-5267-8314-2bc616275604	\N	contact_relation_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
1fdde81e-60f4-53af-9f7f-34fbd918f815	\N	contact_relation_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
2fdcddb9-c9af-5cd9-8cc1-307807845f88	\N	contact_relation_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
60aaaadc-9a56-55a3-94c5-2c5589e8e974	\N	contact_relation_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
ee32b96b-a2bd-5970-a76c-cf5337ec67a1	\N	contact_setting_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
1f7bd654-a23a-5293-b7d7-eab6d8d309f8	\N	contact_setting_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
98ec71a7-ac3d-5c7f-95cc-be829abcbeae	\N	contact_setting_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
8ebc82a4-3348-5e1b-8485-889860e105fa	\N	contact_setting_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
c55d0eee-3743-5cdd-82ff-2c15c5ce30e8	\N	contact_upload	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
c28199e9-63c8-59bb-a18f-5abec2cca536	\N	contact_url_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
920a2967-b68f-5eb8-9f3e-b886fcc191ce	\N	contact_url_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
f13fff0e-1959-542b-b37c-636b4d55ff0e	\N	contact_url_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
0ea49c7b-88a0-57b4-821d-f1ef1be70d5c	\N	contact_url_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
3cd08694-db5c-5782-a055-ec55845047bf	\N	contact_user_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
7f639637-fa27-54b0-8ae9-062846ceb271	\N	contact_user_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
95dcba09-81cd-5145-bac5-92737edcb20e	\N	contact_user_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
7299a46b-4cc8-515b-b6b7-04cf6c0224e0	\N	contact_user_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
164258e9-e3d9-5052-8e9a-0a57e0ce78b1	\N	contact_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
0d9c70a8-cac2-5e09-b0b2-8dae4c420aa0	\N	dashboard_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
72e77c49-99bf-55cc-9025-90be30c37cbc	\N	dashboard_all	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
b6f9d8c3-bc4b-5134-bf4d-3108e727f741	\N	dashboard_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
5d6fd066-38f3-5edf-8270-2c72d80c5b25	\N	dashboard_domain	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
ec0518e3-8198-5512-9583-416734711b59	\N	dashboard_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
43ade7f9-ec90-5835-a5ff-c6b7c0c346cb	\N	dashboard_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
17704a29-a530-5ea0-9887-b41dc9d7cf06	\N	dashboard_widget_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
a1771366-5f88-59cc-818c-1a3f43b453ff	\N	dashboard_widget_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
12f7cd6c-98f3-5720-a297-695261e4b6cc	\N	dashboard_widget_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
8acb7ca7-cd35-54c2-a447-94da0d8fbbc4	\N	dashboard_widget_group_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
67a29280-b8ae-59b6-b6d5-db5065802421	\N	dashboard_widget_group_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
a8fba062-7807-53ea-a4fa-4dab2c1b2fe8	\N	dashboard_widget_group_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
48747548-a1f2-5935-8556-d4aa7077034f	\N	dashboard_widget_group_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
094ec728-ba3a-5d47-9a66-a753c496ca39	\N	dashboard_widget_parent_uuid	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
7af87eca-cf14-56c7-9821-28ba3f86fccb	\N	dashboard_widget_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
a2751857-600e-574a-ae71-702612daa869	\N	database_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
e2853922-ead5-5a01-8fc5-03e8a2743154	\N	database_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
89f2f4f3-41bc-5d66-90d6-f0d96f225981	\N	database_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
a0766491-bd94-5236-8966-ba0b279b8590	\N	database_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
a5364abe-b980-594f-959e-adbe97add0e2	\N	default_setting_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
8c5f0069-037e-54dc-aaac-07b2170cfd2a	\N	default_setting_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
71af9681-5729-520f-81b0-46eee1ce3c52	\N	default_setting_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
5f64de5c-b90d-5af5-bcfb-91e1ac4ba521	\N	default_setting_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
bc33c976-9177-52d8-a825-729487c06910	\N	destination_accountcode	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
a0f398b9-722d-5ad3-8359-e90e13653a43	\N	destination_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
a7542145-5909-51bf-a49d-2e2185e842a8	\N	destination_all	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
b90bac42-0fae-5f11-820e-c32a1c00ff73	\N	destination_caller_id_name	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
0fa1b15b-5d54-5a4a-8fc2-a6665b8722a8	\N	destination_caller_id_number	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
9c0a8b41-dfc3-5b40-92c6-973d3af19183	\N	destination_cid_name_prefix	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
32ba2f82-e719-5d59-a296-02307fb1630c	\N	destination_conditions	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
861e5786-99eb-5741-8ba3-a2ad8eaed430	\N	destination_context	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
819a9d57-a2b5-5293-9ba6-ffaf32a83b39	\N	destination_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
2f3d985e-00ad-5613-a946-b12c7997a41e	\N	destination_destinations	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
94b0ec23-10a6-59e7-87c8-2c4200c8acd6	\N	destination_distinctive_ring	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
e57a96d6-03b1-562f-aa3a-eb4ff1b7d2d3	\N	destination_domain	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
469339df-e896-5a8f-adad-6115f0df851a	\N	destination_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
e812c127-1e84-5ea3-a672-537e02ca1aa9	\N	destination_email	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
de34dd83-8082-5c2a-9e0b-709239fd96e9	\N	destination_emergency	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
2053bca0-6a2d-5307-afcb-d7f5488fa5a9	\N	destination_export	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
f7010281-d711-5dcc-a337-c1bb7dcc90a5	\N	destination_fax	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
4ffbb659-6b2e-5fe0-af7d-b0d33c5545c1	\N	destination_hold_music	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
cf0bd23e-5225-5e74-8bc7-052459ac321a	\N	destination_import	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
59e5f61a-18eb-5da4-bf16-563f7ae844e0	\N	destination_map	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
318d79ef-a645-5ef7-9021-d6a8e54c8f99	\N	destination_number	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
ed73034f-d635-5a04-baf9-e1a0eb72011a	\N	destination_prefix	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
8cb0cebb-fb0b-57ce-834f-e00d371c4e28	\N	destination_record	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
0322248f-d3e0-5cdf-9cac-dd7c5784a78c	\N	destination_ringback	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
ccfc3865-436a-516a-844b-507fb27fea70	\N	destination_upload	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
6299c770-fa7c-5320-a4f4-894afdf24422	\N	destination_user_uuid	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
cbd563c5-282e-54b8-a1b9-bf178385d727	\N	destination_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
1c1193cb-0327-52f8-baa0-94843f9fb4ee	\N	device_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
c0559af3-a93a-5f41-a9d5-bbd046778abd	\N	device_address	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
f1c7f91d-7ebe-5268-ac2e-c14a4f9e67a6	\N	device_address_uuid	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
35311fc3-f655-5e97-ae8c-d605400a3c42	\N	device_all	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
9d8889f6-5006-5fa9-a34e-5b307237499b	\N	device_alternate	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
794af445-4354-5ad7-8cfb-041bff95e04f	\N	device_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
d32e08e2-c275-56c3-9866-8145360959a5	\N	device_description	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
f897daaa-9cf1-5711-9606-7b405c2876f3	\N	device_domain	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
7c584477-aaa8-5ee0-a229-3f5a83f6729e	\N	device_domain_all	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
04e02c54-fad8-5d06-a98c-7e1b89f05c78	\N	device_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
318b29ab-6b1f-561c-8717-53d19bdbfe01	\N	device_enable	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
7fbacd3f-d7db-5e0d-987d-19ddfc4b3f4a	\N	device_export	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
72dab2cb-c380-500f-8340-a02417dfdf16	\N	device_extension_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
a63a7688-434a-507c-a127-94d3c7c6584a	\N	device_extension_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
ddaf2391-8f9d-585b-bddf-42e148983cbb	\N	device_extension_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
f517cbe0-f999-5961-a053-79993c74147b	\N	device_extension_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
c6b6727f-395d-5559-9b04-b637d1a25203	\N	device_files	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
de152361-7a5b-5bab-9e6d-f696d4c45162	\N	device_import	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
a01375d6-f1dd-5a49-89fb-d4b8e65ade4a	\N	device_key_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
438253da-60d0-597e-b6d5-f0efaf0f1e15	\N	device_key_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
d3783345-bd15-5d41-88a9-7be412133bc7	\N	device_key_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
8b27da55-8a8c-5243-a334-e704ce03ae6c	\N	device_key_id	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
d5789c33-5111-5a37-9a73-e25f42d27ac2	\N	device_key_line	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
c87e2442-9a6f-5ea6-a99c-93380f4f85f4	\N	device_key_protected	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
298277ab-bead-5cf3-8a8e-a9b24836c7a2	\N	device_key_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
af090421-f2d2-5ba3-bdf2-33d511d5bcef	\N	device_label	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
5166ddb7-1793-5b69-8567-a456c0cd2061	\N	device_line_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
bbb8313b-0b06-5476-9252-d1ef06c7a0da	\N	device_line_auth_id	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
bcc45169-7312-5cf2-9e3d-81674f089325	\N	device_line_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
1b4dbdcd-3a20-5026-969c-e77b31539900	\N	device_line_display_name	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
cf9e74c9-a966-5349-b1cb-751d7cb31a40	\N	device_line_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
c57cc03b-39af-57fc-b91b-904dc00355b2	\N	device_line_label	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
5486dc7d-b1b6-5a4c-bf23-0dc3ab0444cb	\N	device_line_password	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
c3cdd973-c6d6-5b1b-8bd4-cd904e41c12c	\N	device_line_port	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
413c0434-16c7-5492-842e-7723b752c9e0	\N	device_line_register_expires	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
494e0a60-6aac-5235-9ceb-e9fdcb39c6ca	\N	device_line_server_address	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
cb66fff0-bc24-5b2f-956b-009ded45b11d	\N	device_line_shared	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
af7f887e-ec9d-5904-853c-3c9d79c0adaa	\N	device_line_transport	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
1e756514-5a2d-53f7-905b-36a464bc4880	\N	device_line_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
7acdf74f-8a13-576f-878f-e2a68692efa0	\N	device_location	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
a66f5918-d44e-5af3-8dac-4057d572c2e6	\N	device_profile_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
0b7a416e-32ec-5cc2-ab1b-d5d895203c29	\N	device_profile_all	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
13eb756f-0ce9-51c8-a15d-bd88d21fb471	\N	device_profile_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
61f6b35b-17d5-534d-b9a7-abd24791db7b	\N	device_profile_domain	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
73782823-096b-58f9-844e-109d1c578553	\N	device_profile_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
30ce7fe4-790b-5f7e-8111-09bc776cfa64	\N	device_profile_key_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
38707852-6343-5508-bf8c-96bed9c9f3e6	\N	device_profile_key_all	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
77e10200-cc37-583d-96ae-5db36dbd6c13	\N	device_profile_key_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
e3a76336-e13f-56d6-8825-f1bac15984a9	\N	device_profile_key_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
7b7a60cf-27b2-5908-a64d-4e3dbaaf7f63	\N	device_profile_key_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
b47d7889-2b93-549c-8470-8ac13ef37e15	\N	device_profile_select	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
296d9856-3151-5b0e-9407-f2922ca232ec	\N	device_profile_setting_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
d6d66c1b-098c-5be9-aae0-fa31909b2b6c	\N	device_profile_setting_all	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
08fcfaec-54c8-51be-98ab-0b39a2b0c073	\N	device_profile_setting_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
499c3c0d-47c1-5e5a-a247-428d08b8e5aa	\N	device_profile_setting_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
3bd320b1-84b9-5dbb-b9dc-125d89d7649a	\N	device_profile_setting_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
3e0c2c89-435a-57ff-a673-8240627d8978	\N	device_profile_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
aa25adc9-6ad4-5bb5-ae15-2eb446656916	\N	device_serial_number	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
cb6ca8d1-0280-5bbd-aa35-242defaf2600	\N	device_setting_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
d0a6be27-b8ea-58f8-bba4-43ef53dc0d36	\N	device_setting_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
5cdd32ba-ba4f-54b9-a335-826900998f5a	\N	device_setting_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
f6b8db62-4df1-524b-bb8f-6df06ee6c36a	\N	device_setting_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
f6c64079-2e4d-5cba-bcd7-2ae47c02e8dc	\N	device_template	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
858565c2-4725-58dd-9851-a99f3dcb6868	\N	device_user	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
8837ec4d-58d2-52d9-aead-fe1e97b2f568	\N	device_username_password	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
d6ef508b-667e-5621-a77c-8cec44d1cc13	\N	device_vendor	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
bb09e223-5ea9-5835-af68-6d94762deef0	\N	device_vendor_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
4b2b86c1-6274-5091-a6b1-853aec21416e	\N	device_vendor_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
06cd3ae4-ce8e-5f41-864e-9b7db1a83850	\N	device_vendor_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
f282aee0-1f98-5ea2-b4ee-d03414ca4a83	\N	device_vendor_function_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
b6a80d19-b35a-5acd-b69b-189f676e49dd	\N	device_vendor_function_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
9ead0ffd-871f-5b0a-a7da-6fe91f231839	\N	device_vendor_function_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
046bb685-4941-5e56-9953-ecfe135bc8a8	\N	device_vendor_function_group_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
c5552a3e-3e52-5911-8de7-1cc5f952bd09	\N	device_vendor_function_group_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
ce1c8595-6c4f-521f-9245-c223ae20e829	\N	device_vendor_function_group_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
65e12224-3173-5ec9-ab75-10a731105d91	\N	device_vendor_function_group_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
8a8a1989-96e3-59f0-adcb-ae41343949b7	\N	device_vendor_function_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
355e8f34-53a3-59ae-b835-7409bd45c705	\N	device_vendor_restore	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
1b8c419e-e93d-58c4-8194-df77010b3e2c	\N	device_vendor_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
09365691-f5ab-5751-a815-a692c348a023	\N	device_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
ab1d01e2-6908-5c7a-9936-7159c1cf4e80	\N	dialplan_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
a3b27bd4-377e-528a-99b6-2940fe2db62c	\N	dialplan_all	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
9697bc88-4c78-5999-a766-1227e2c5f24b	\N	dialplan_context	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
c9b780ad-8579-58cd-b380-e1295d4a954e	\N	dialplan_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
9683213f-58e9-529f-b521-b9a2f5bfa035	\N	dialplan_destinations	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
36c23f86-457d-5027-a00a-23de654e8005	\N	dialplan_detail_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
9754482b-21b7-5b24-bee0-4976f457bcde	\N	dialplan_detail_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
3e920321-1212-5c90-b7b2-62e49527df25	\N	dialplan_detail_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
45a424a9-d103-529c-9819-d3b7df467fa0	\N	dialplan_detail_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
628388ac-9d00-5b96-9193-af707deca0c1	\N	dialplan_domain	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
3c0c8598-b5b7-5afe-809b-382def162529	\N	dialplan_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
8d26d166-d45f-5ed2-b2f7-a4d07f77d985	\N	dialplan_global	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
6f8d201a-d785-5103-85aa-b7eedf5ebc0f	\N	dialplan_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
050d2310-a57e-56aa-96df-5d820b39b120	\N	dialplan_xml	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
ef4789c4-a31f-52da-8eff-6f9cc1eed2db	\N	do_not_disturb	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
83cb52d0-936e-51ca-98d6-fa845009692c	\N	domain_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
cac24cee-8b85-5b3b-b071-bab17e78ee52	\N	domain_all	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
bbd7646b-f57e-5d6a-b99f-1facc403f5a8	\N	domain_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
c2299342-9c76-55c2-b5db-0ffd56b284ff	\N	domain_select	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
ba150a0b-2039-55dd-982b-8465ae41341a	\N	domain_setting_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
56d7e087-7a1b-59e1-b3c1-d96c259e30d1	\N	domain_setting_category_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
78d4de49-9f2c-59c1-9dcd-a82145ccd4b5	\N	domain_setting_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
6d9160ca-2f5f-5f22-a1c8-2e46e816ddb7	\N	domain_setting_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
aae28f2b-ca33-5f8f-96f4-f4dd0f5d531e	\N	domain_setting_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
d7209902-5dc3-5920-bf4f-656233b748c7	\N	domain_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
1ce614e0-c053-545b-a563-d4721fb86c56	\N	effective_caller_id_name	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
f91df69a-54b5-530e-8b1c-22927f47577b	\N	effective_caller_id_number	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
1c6caf43-52bb-597d-8bf3-6f82823820a6	\N	email_template_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
edf92524-0931-5307-bc20-7c49893520a2	\N	email_template_all	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
f1e65c03-0aaa-593f-be3a-ffc32ac5b52f	\N	email_template_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
221ebddd-6c65-5dc3-ad9b-bf2ebc31d748	\N	email_template_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
358320ac-1389-5e1f-aae0-5030d9b5f754	\N	email_template_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
aa4b2576-dd0b-5ea2-baa6-0fa0544ade82	\N	emergency_caller_id_name	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
03dc1cd3-2c1e-5c7b-aaf2-053ad66710ec	\N	emergency_caller_id_number	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
aab570ca-f317-5167-a591-95e12699bd6b	\N	emergency_caller_id_select_empty	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
ad4a1cd3-bf91-551e-b141-3021032ca718	\N	extension_absolute_codec_string	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
13140bb2-0395-540e-bb97-c138ca4e6482	\N	extension_accountcode	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
37a4394d-e419-5613-bff8-4212936a81da	\N	extension_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
1aac4ef3-470c-5109-a993-f315bb9f2270	\N	extension_advanced	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
89f92482-0b59-5e90-8113-e0f3fbc1bfdc	\N	extension_all	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
e00ab96f-45c6-53f3-a0ac-4a65ea5f2f61	\N	extension_call_group	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
a0e15a82-3ff2-5d2d-87de-51bdb120caa5	\N	extension_call_screen	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
297d779c-a307-5522-8ba0-b8da6743e4a6	\N	extension_caller_id	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
1abdd90c-6cb9-5040-ba95-bc9fee30fcef	\N	extension_cidr	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
950df534-fc2d-5437-b177-b0e1b9efbd4e	\N	extension_copy	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
3665846c-3f92-546c-9d2d-0b835242dd67	\N	extension_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
10b22587-55a0-5bb8-ae8a-52505b8f045f	\N	extension_destinations	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
4a1cf06c-aa0e-5588-96e1-b91eb638581f	\N	extension_device_address	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
7889bd67-458b-50f6-af5e-edd917103d71	\N	extension_device_template	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
5c88ca8f-f0f1-526e-8f4f-902a6a173857	\N	extension_dial_string	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
37dadc9e-e991-5300-9ee1-0d8222890c67	\N	extension_directory	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
a0cbb67c-02b3-5264-aebe-97e528816d11	\N	extension_domain	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
bd880097-35d6-5795-9875-0b83aba951ec	\N	extension_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
d7476131-d138-55c6-aa01-26c2a74ddf36	\N	extension_enabled	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
a4ecf53c-1a37-5f01-ad5e-3ea9cd692767	\N	extension_export	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
19709d53-5518-560f-93de-0747e9e57cd1	\N	extension_extension	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
21001a27-3a53-5b4c-b2b0-3cfada0c8187	\N	extension_force_ping	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
88dcf8f8-fc5c-5723-bac0-d141ce7f81b0	\N	extension_hold_music	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
b2c55491-921a-5285-aed2-1ff2ae72faee	\N	extension_import	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
040677ed-ef54-5d85-b324-6711611c2ef6	\N	extension_language	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
25bc80f6-650c-56ef-aff7-ffc3ba184977	\N	extension_limit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
bd275fdb-5761-5e10-a489-e2bf03a3b589	\N	extension_max_registrations	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
54a5813f-8fdf-5d4d-9f9a-3f38ff1d11b6	\N	extension_missed_call	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
732c93c8-14b9-541a-9277-e30acac75a4b	\N	extension_password	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
80971921-7390-5fe8-9589-53afc4728495	\N	extension_toll	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
c1c38be3-aee3-5c91-8c1d-3f08adc09cae	\N	extension_type	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
d7aa6952-a9bf-5d7d-a1e9-c548c6719558	\N	extension_user_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
009fa611-a05a-5948-b04f-69dddce82bce	\N	extension_user_context	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
ef1e3987-0265-502e-b30c-dd0b8ad17540	\N	extension_user_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
d24caf77-48b4-5e45-b1d1-0eac81cb2ada	\N	extension_user_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
23f5d576-e7a2-51a9-bc1b-635a7a97692f	\N	extension_user_record	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
3dc2ab79-e77d-55f7-ba98-805b70d9dba0	\N	extension_user_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
5fc99440-d41a-5d47-8a7f-66fd026523cd	\N	extension_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
f9cdffe4-fa78-54e5-a37b-141b31d35707	\N	follow_me	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
47f5dbf2-72c3-510f-899d-f0bebcfd79e9	\N	follow_me_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
cbfe2396-db2f-5202-8341-817f97c65f40	\N	follow_me_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
fbfeabe4-91c7-5ab2-b9cd-9adb26005704	\N	follow_me_destination_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
0f374374-5d54-5704-b36d-3734f0d5a47e	\N	follow_me_destination_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
1efce533-40f1-5f7c-9205-4eac85d85f5d	\N	follow_me_destination_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
65bcdfbe-7cfd-52b6-8ce3-48d9989229db	\N	follow_me_destination_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
24a46364-7ae5-5425-9999-629ba03a4793	\N	follow_me_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
9b1c2bc6-ecb4-5f17-8e10-8cadd46c3e0f	\N	follow_me_ignore_busy	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
a8aa0d75-768e-5f81-b5f2-903e3b26f49c	\N	follow_me_prompt	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
f4d3db2f-bd5f-537a-b827-fb9678fd6b39	\N	follow_me_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
d937d155-8ef5-5e3a-8dc5-ff310f9f5773	\N	gateway_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
6a50834e-75fa-5101-b4ab-de5935cd7a74	\N	gateway_all	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
6c806f8d-c068-51f7-97ca-977e513c3ec9	\N	gateway_channels	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
208893c8-3686-56ca-8524-c77432ccfb9d	\N	gateway_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
d693658e-49c8-574f-9d70-42e852762c80	\N	gateway_destinations	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
2a7513d9-ac07-54d8-a449-23535fdfc465	\N	gateway_domain	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
baeee515-d64b-5f5f-a609-2ff8822c2e24	\N	gateway_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
46e9582d-b213-5eff-a72b-e1355f158c41	\N	gateway_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
3cf500f9-3e2c-5308-910c-90b5d9bc4e48	\N	group_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
7d080464-118b-543e-926e-169892df95bc	\N	group_all	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
53191f69-490a-5f70-9163-857b3df7e7f1	\N	group_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
70ec465a-ce15-5f56-a5d2-69ae6d54582f	\N	group_domain	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
0ff15055-1e45-50d0-9cc1-412db8bc2e28	\N	group_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
02a37ac3-3b2b-5464-be10-404fee5e27c0	\N	group_global	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
bd185788-2b10-532d-8a2d-33d7f5fdfbec	\N	group_member_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
d5f3ae52-ebbf-57aa-852b-6835b2a2c427	\N	group_member_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
6377dc89-a494-5ae2-8da8-43d95bb57f95	\N	group_member_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
439034d1-1e7d-5a3e-b4c5-c065048b0919	\N	group_permission_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
311b79fc-3486-5a78-93dc-eb3f4b73ab3d	\N	group_permission_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
1d8afae6-7441-500c-8f68-3dae955b4530	\N	group_permission_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
79c3b820-3440-56c7-a0d9-65ad8424afaf	\N	group_permission_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
ac3a3942-3a42-59f6-b350-9a17052d9ffe	\N	group_permissions	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
bc19a78d-e875-5f64-9e6c-0b1cfaa3a004	\N	group_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
ce9c2caf-d5de-546b-8c3a-8df39ccb63cb	\N	inbound_route_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
08a4a503-c94a-53aa-88a1-3d0569de4694	\N	inbound_route_advanced	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
56af4e9b-d7e9-5349-ab59-0e2e85b58cb1	\N	inbound_route_copy	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
153d8718-fe11-5f8a-9bc7-c937b5f5083d	\N	inbound_route_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
58188137-5001-50d5-b3ec-72be2da7b42c	\N	inbound_route_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
f73e7275-ae7a-53a6-ba21-882311b736a0	\N	inbound_route_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
d78dba1a-3381-5699-92a7-477c79879851	\N	menu_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
bf7edc80-41fb-56eb-ab1a-6f4126d0e85e	\N	menu_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
719600a6-5faa-56b4-97b5-1be84c20b2a6	\N	menu_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
4978557f-84a7-5734-b923-eaedb1807518	\N	menu_item_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
1efcc575-8dd4-5e1f-a7f5-6f5686479cbe	\N	menu_item_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
1c730b34-c0a4-5697-8fa0-4657ebe56b52	\N	menu_item_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
00a911ee-9161-593e-a7f6-e9823c91c055	\N	menu_item_group_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
e48f64e7-bb5b-5a36-809b-32d334a7a04d	\N	menu_item_group_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
a39638f5-76d2-5d4a-a555-ac8907748b38	\N	menu_item_group_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
d29f12f7-4cf1-544a-abf8-93904cad3e32	\N	menu_item_group_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
d1f9ff2f-3fb6-5fb8-af4d-eb5cee3d7684	\N	menu_item_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
bec2b5f1-7cdc-5b9c-a511-5a2617aae87c	\N	menu_language_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
6e6ca59f-ebf1-5ee8-80bd-97a5d70e4ef6	\N	menu_language_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
62ea85ac-1c73-5a3c-aedb-33d1a0dfa119	\N	menu_language_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
444525ba-2d21-56a6-b544-585b683eb25e	\N	menu_language_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
c035cdf5-06ee-5760-92ac-c4631137b916	\N	menu_restore	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
7bded459-c56f-56fe-8304-aeadc77f6fc8	\N	menu_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
b8c25fb4-4b27-546c-8528-3ae43df2c234	\N	module_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
03cda070-0547-5d65-a6f9-7bb8f0acfe55	\N	module_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
828ce65a-df48-5c7b-bbfc-961d06dce747	\N	module_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
967e7638-07a9-5e2c-b4b9-880c09294d77	\N	module_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
1d2f8538-b1de-517d-9281-bedc11c27374	\N	other_destinations	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
74792f10-9bbf-5803-ac72-bf1ab6364168	\N	outbound_caller_id_name	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
44bb786c-08a9-5377-9944-635e96bbaaa7	\N	outbound_caller_id_number	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
cb00d746-bd85-523f-ace8-a512160cbb7b	\N	outbound_route_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
65944d94-179a-51c0-b7d8-276c97cf8407	\N	outbound_route_any_gateway	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
cc5ad6b9-a4e9-5959-934f-94648ed53d28	\N	outbound_route_copy	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
8b8dd317-68ae-5864-8f80-bacb9c419072	\N	outbound_route_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
01677f72-6611-5143-b546-e0e4d6d5c1a4	\N	outbound_route_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
ab8c91fa-09f1-5110-a558-22c86bf61dd3	\N	outbound_route_pin_number	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
70443901-9b65-5667-b5c6-9f4e6d4f7e80	\N	outbound_route_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
e7ea4a2d-fd3f-5070-89fb-7eb5444c083c	\N	permission_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
aca5c34e-a85f-5fa3-9b70-a8e9601cf143	\N	permission_all	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
32e6d057-425a-5b2f-a4f5-73c118be0de7	\N	permission_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
42387314-9055-5b21-8852-3f42e9cb7a8b	\N	permission_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
a8adb2ef-cba2-5b8c-8889-a70c59edbc65	\N	permission_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
4ccd06e5-5479-531e-8a17-eb8a7bc771a1	\N	sip_profile_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
8a216fbf-e2e6-53d2-90ff-2cde1259d874	\N	sip_profile_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
d1f5f7c7-2b1c-5fac-bc45-93898fc39c59	\N	sip_profile_domain_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
70e1440a-845c-59d6-8235-6f69eadc5b55	\N	sip_profile_domain_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
ea17c5bc-2d8c-5a70-864b-d2b29595dac4	\N	sip_profile_domain_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
b7c97513-7ccc-5803-9293-82760f44b237	\N	sip_profile_domain_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
732c2f77-2425-5b21-bf96-5c9ce659c0f9	\N	sip_profile_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
1526376f-debb-5294-af7a-9f6d560857ec	\N	sip_profile_setting_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
e82038f0-10d4-5942-a083-f145f872b848	\N	sip_profile_setting_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
feac4588-1d69-5201-b45f-2e8e25797431	\N	sip_profile_setting_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
59914cdc-a2bd-5cf2-b6c7-86c252981289	\N	sip_profile_setting_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
5a69caa9-0156-595e-a5f9-04685799009c	\N	sip_profile_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
7d7ae215-8ec7-5e5e-af31-d7f193796661	\N	upgrade_apps	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
abc8be3f-f74d-5097-a536-9e99e4474ed6	\N	upgrade_schema	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
bbe76a30-ddc2-5d85-9d36-2a0b157395f4	\N	upgrade_source	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
a14a599f-2be2-578f-8836-a9d046e1ab3f	\N	upgrade_switch	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
2befef1f-aceb-5782-ab9c-acd91d6276de	\N	user_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
5793aa5f-6f42-55c7-bb9e-8d4693fddedf	\N	user_all	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
e5bea2c3-89ad-5406-8a72-5876adecbe97	\N	user_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
985ee5aa-ff72-59af-a361-f825cdd46916	\N	user_domain	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
35651b14-42cf-5781-9c43-f381305be2b9	\N	user_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
257d22f6-638f-5b36-a130-8959b630fc50	\N	user_group_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
24ef380c-8651-5e56-98fe-d337938e21ec	\N	user_group_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
dc919188-478c-5966-81ab-da304d848360	\N	user_group_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
7d6a0e1f-ec2d-55f6-9486-0bd0ba78f4ea	\N	user_group_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
9871a483-22eb-5e06-8e87-ec0fa43b0e7e	\N	user_groups	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
5b25fa87-b365-58a6-b499-11eb9483d39c	\N	user_import	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
0e731745-e488-55ee-91a2-be995a3066bc	\N	user_log_all	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
0d45c5e3-3a64-5651-be36-30c08fa4a08f	\N	user_log_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
bbf3e531-130c-5a88-9ab2-8cac0507a80b	\N	user_password	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
ba4ccd54-9cc2-5903-a3e2-5771df8a7834	\N	user_setting_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
64bd592e-1a47-54b8-8dc4-35b4a6edef92	\N	user_setting_category_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
9839fe56-a257-53a4-8bde-265570698b2e	\N	user_setting_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
6b00b789-9152-5eb7-9db4-992e134c8308	\N	user_setting_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
432c0d1d-6380-58a9-acad-cb9cf5970eaa	\N	user_setting_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
0375176a-89c9-53a0-be79-eee30fead00f	\N	user_status	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
cf836e30-9e1d-58da-9ac2-51554d7f7615	\N	user_type	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
38ebd9c9-340f-59be-87f8-e1b06263a57a	\N	user_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
e7dddfdc-7eea-57fd-8f1f-071f68819fa0	\N	var_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
6441b00e-06c8-54a7-8dd5-ebeb421fc9ed	\N	var_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
97c65f83-0757-5051-bcc9-699db651d962	\N	var_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
b56ba483-35c7-50bd-ae04-5b33f2066bee	\N	var_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
f5248be0-400c-50a8-b42b-709b80535fc3	\N	view_groups	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
83e7825d-9ce1-5946-b61a-9dc7037fe873	\N	view_users	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
1670db5f-8c52-50b1-afc0-93c3cf8e90a2	\N	voicemail_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
ec5241de-35df-57aa-a4c1-de684f936307	\N	voicemail_all	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
42ccb11c-cc2d-52ef-b598-684332563a72	\N	voicemail_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
8bb28a7a-8960-5615-9a0e-6925f926aa25	\N	voicemail_destination_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
d41259dc-8028-5908-86fd-c741a4fb2f9e	\N	voicemail_destination_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
73d5e8da-8aff-5a0c-aa1c-97a64b0f87a9	\N	voicemail_destination_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
d9ef25df-ecf3-5d7d-9c45-dc3a0bb698a4	\N	voicemail_destination_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
ca05f5ec-884f-51e4-a9cc-e237d2ef7357	\N	voicemail_destinations	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
212e1871-0a72-59c9-b1a3-7d856c6e4aaf	\N	voicemail_domain	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
fa52f06e-e1ad-53f3-9e05-d5cb069732ee	\N	voicemail_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
154c9576-15aa-59be-8284-5fa1e8cca579	\N	voicemail_export	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
60f8e65a-5351-5c79-bbc0-266e201ea09f	\N	voicemail_file	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
c3657ce7-69f6-5cae-9386-c63b5aa9c8ce	\N	voicemail_forward	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
5f613eeb-d772-5ee0-8c0a-654664f10edd	\N	voicemail_import	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
1e4febbe-f858-5619-8bec-63c2018d7160	\N	voicemail_local_after_email	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
d04ff7f7-7967-5bc0-9c6c-067c2c49c4b7	\N	voicemail_message_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
2005b10e-6a49-51f5-b78b-9ddf64879a5e	\N	voicemail_message_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
4ca6bc0a-628a-5fc2-a4a2-587cbb76cb07	\N	voicemail_message_transcribe	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
547043e6-7e79-5ddd-9c1d-370c901bca53	\N	voicemail_message_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
55ed17da-2a32-558a-aca7-7a8192f54d94	\N	voicemail_option_add	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
702350f9-d573-5747-9be5-73a699fd1503	\N	voicemail_option_delete	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
08ef9aaa-3ab6-54ea-ba0b-ca3b59ea2390	\N	voicemail_option_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
12c08df8-4570-5240-84e7-563d4534b4d8	\N	voicemail_option_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
eed635d3-72b3-535e-9698-418f5a2507bc	\N	voicemail_recording_instructions	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
a898e9c0-19bd-5287-a705-62f485e2f51a	\N	voicemail_recording_options	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
8fe731f9-4603-5db7-b506-a9c632fc2156	\N	voicemail_sms_edit	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
79e3beff-fb80-5c9a-955d-f53592148ba2	\N	voicemail_transcription_enabled	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
890fc4f4-0fb7-5cde-8fda-f09941ec9102	\N	voicemail_view	false	true	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	\N	\N	\N
c64a706f-6779-51fa-9771-8330c78ba255	\N	call_forward	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
f194ab40-27a1-5902-a859-807f5666518e	\N	contact_add	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
b07d087c-1c54-5a83-ba72-a89daa7ccb2f	\N	contact_address_add	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
96b3d41e-65d8-5942-a2a4-dc39e6329071	\N	contact_address_delete	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
90e80a68-d636-5df2-a628-140dbb533559	\N	contact_address_edit	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
6bedf0b1-c92a-50fe-9198-6d0a34165fa0	\N	contact_address_view	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
c76e0b8b-31a0-535e-9119-4e14bf984238	\N	contact_attachment_add	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
b74bed0d-b23b-53bc-90ee-b4645caa5dd6	\N	contact_attachment_delete	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
abe53acf-b4a8-5e78-99f9-054e919a59e2	\N	contact_attachment_edit	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
ac15b949-7f7a-5e33-a737-0490a44d2f9b	\N	contact_attachment_view	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
6f67ea1c-d803-52f6-a421-a79e12c23632	\N	contact_delete	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
287db720-4d78-581a-8d87-3b671f6dc372	\N	contact_domain_view	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
558140b9-cee7-5814-aa4b-e54e951a475a	\N	contact_edit	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
75d755f6-878e-5cb4-b00f-9186eaca6c5f	\N	contact_email_add	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
817d7e82-1972-5ee7-961f-c5d942a1acc8	\N	contact_email_delete	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
10aaa596-55e2-5f85-96f0-1568f7a9db39	\N	contact_email_edit	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
ff5c328f-b60d-5a0c-a06b-e3a59eff936f	\N	contact_email_view	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
57848434-7a0b-5abd-b064-2b760d571439	\N	contact_group_add	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
bbcbf32e-f87f-5dbe-af23-29de1070e601	\N	contact_group_delete	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
ec915dc7-4c98-5ba9-97d1-7cf3ab8efcf2	\N	contact_group_edit	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
90d827ee-79ec-5d73-b2f8-fb702f5e257c	\N	contact_group_view	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
d7c0ce1a-6e2b-510b-9608-c503d48c7774	\N	contact_note_add	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
6ff2b003-1c1e-57c2-ac37-57034151d868	\N	contact_note_delete	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
f991d726-6bf9-52b6-bc91-578df64918f4	\N	contact_note_edit	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
b60f19dc-7aa3-50c4-b9e7-993db89e63b2	\N	contact_note_view	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
fa925f63-8545-5704-8025-53b683606c47	\N	contact_phone_add	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
7f0b7e9c-e204-5264-b062-42075038a40b	\N	contact_phone_delete	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
dbe6973e-c349-56be-87a0-dc8aad3889bf	\N	contact_phone_edit	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
13dc7c0d-67e8-5939-b147-f8ab5a42cc75	\N	contact_phone_view	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
536649a7-dc88-5ed7-b5dd-201d9821a4e7	\N	contact_relation_add	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
9947ec49-00b7-5b29-b41c-93db0756654d	\N	contact_relation_delete	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
8d4522b0-f5ba-5d38-9b7b-4a85e05652c7	\N	contact_relation_edit	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
4458c87d-393d-5c3e-ba80-87292f4a9e60	\N	contact_relation_view	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
bbd38b55-08af-5952-ac75-95d7d8729dd0	\N	contact_setting_add	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
d95ce248-9265-54ee-a0e2-2b343c539838	\N	contact_setting_delete	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
655efc34-282d-5d11-aae0-db11831ba48d	\N	contact_setting_edit	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
14abca60-52a1-5130-b973-49e82ebeb0ab	\N	contact_setting_view	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
c671818d-a97e-5245-b1bb-6f896c25e04d	\N	contact_upload	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
a2851378-1db9-58df-a33e-331502caeeb3	\N	contact_url_add	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
647c04a3-1006-5bc8-a5f5-c8bd10ccdd47	\N	contact_url_delete	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
7764e2dd-3a3e-5c4a-a889-199d59c4699e	\N	contact_url_edit	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
4b1c5d3d-2a84-5fa8-b232-00c5bece875a	\N	contact_url_view	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
b1f395c4-815b-5251-86b0-c9c7d642bca8	\N	contact_user_add	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
e6b9115b-4026-5d55-bde8-4f370da21479	\N	contact_user_delete	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
bad5eaed-706e-5ebb-971c-5cb6dc8e264c	\N	contact_user_edit	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
ae417aa0-644a-5be2-89ba-f4b905e224ca	\N	contact_user_view	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
2d4d681a-3413-5027-9d76-8f41203ebe43	\N	contact_view	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
58472c96-6c75-5191-aedc-36307ab11bc3	\N	destination_accountcode	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
cfb1975c-fcfa-5cee-8ca9-68d5a116d40f	\N	destination_delete	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
c9369ee6-dda7-5c28-a5e2-d968c18c25a8	\N	destination_destinations	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
d293e3e2-02f0-544d-a9d9-582280e4b9ab	\N	destination_edit	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
3ad14741-1176-5429-b30d-053868f79881	\N	destination_email	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
24c791b7-0699-5f2c-a4ad-32c65cb3f51e	\N	destination_hold_music	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
1cf5306a-a3b7-5d3d-8a50-48e6875afbdb	\N	destination_map	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
55059b12-34a3-56c2-9b33-15e714cb419e	\N	destination_prefix	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
c249182e-8bf1-583a-a615-e21b7501a60f	\N	destination_view	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
b2178b66-661f-5784-84a5-d5606f23caa1	\N	device_add	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
a979998f-103c-5b82-a730-6c93d21973c0	\N	device_address	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
0b684e4f-b47e-539e-a07d-ebb3a500c453	\N	device_alternate	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
7f9a6b30-0b60-5b1a-a9df-643ad08dff67	\N	device_delete	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
9153d280-9d43-5663-81f7-3549f3d391f0	\N	device_description	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
d694df3d-cdbf-5f77-b167-df8e6cf31033	\N	device_domain_all	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
846b985b-a432-5df9-b10d-94f78e9564d4	\N	device_edit	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
6996e327-bae7-544c-a53f-83317e7609fd	\N	device_enable	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
dd93d391-0c6b-521e-8a6c-af6368ff6a1e	\N	device_extension_add	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
b0e70740-f9c5-5639-9d7a-cdee07ee3b91	\N	device_extension_delete	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
f78b796a-c27a-5e2b-ac18-0fd8c528dad8	\N	device_extension_edit	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
0e6874a5-4093-501f-80ea-358f4828eb10	\N	device_extension_view	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
4ef76b7c-940a-5c18-a9c9-1ec30b533cce	\N	device_key_add	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
ebeee989-6302-58f1-bf48-1abdce5ae3fb	\N	device_key_delete	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
f976638b-a215-57d2-8ed4-6cf12408e3fd	\N	device_key_edit	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
3f22151f-71c9-591f-a9a3-42dd72b2ba16	\N	device_key_id	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
9271cee7-4ade-5458-b4c2-54dcc5c6cadb	\N	device_key_line	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
cd1445c1-9561-5755-93fc-31150b198940	\N	device_key_view	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
45761a2d-f936-506b-b778-534ca5ebeb60	\N	device_label	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
54dc5011-d8e1-5dfb-ac88-6cb2bd4f0b68	\N	device_line_add	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
2ebe6ffa-467e-5a1e-9856-9337b4440102	\N	device_line_auth_id	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
a2a268f5-6db0-5979-b731-7c8d999c8f71	\N	device_line_delete	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
4885debe-9e8b-5ba4-a1e3-8329a3862aa4	\N	device_line_display_name	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
55bc6a0b-032b-50cd-bd19-89915af11b28	\N	device_line_edit	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
172b7f13-f140-5580-a61a-aff94124796e	\N	device_line_label	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
02f97015-8782-520e-831d-ca7e7ea7a6c7	\N	device_line_password	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
8506a5e0-d6c9-5d84-b349-b0ce451c1094	\N	device_line_port	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
71de6351-d429-55cd-9ec1-69b9b35c1804	\N	device_line_register_expires	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
5484fbd4-b5d8-5eb1-9335-0e8951572d2c	\N	device_line_server_address	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
c8de4b7e-884e-56f3-94e2-feaf67669dee	\N	device_line_transport	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
4ca3b17b-e41b-5309-bfce-42c6b06979db	\N	device_line_view	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
4dccaf3b-f59c-59fa-b5b5-7682df5f8bfc	\N	device_location	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
22205fd2-0716-59d3-93c8-3a6e20b35b6f	\N	device_profile_add	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
154fad99-80d8-5569-9d45-27522cad25e8	\N	device_profile_delete	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
8e831a28-77d3-5ebc-a4c9-61d60715b639	\N	device_profile_edit	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
1d71588d-7a52-5da1-9134-cfe267e1d0d8	\N	device_profile_key_add	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
317c568b-cfe4-558a-9e70-2717aa066e2c	\N	device_profile_key_delete	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
8c3b9aae-8602-5603-ac69-0a3d22d8c9d1	\N	device_profile_key_edit	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
b6a18153-64ee-51bf-be8a-12be7b9e2046	\N	device_profile_key_view	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
a15ed3e5-9637-51c7-9034-4c917fc1a547	\N	device_profile_select	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
8f6da0d6-704a-5892-a2bf-07f2860857df	\N	device_profile_setting_add	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
cd47dc03-694e-58d1-abf9-660062ca2ca0	\N	device_profile_setting_delete	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
8b10cb4d-ecca-5539-8af5-e81c49a03a9c	\N	device_profile_setting_edit	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
0811fca5-dd4e-5e10-a038-1d1b5cdba81f	\N	device_profile_setting_view	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
f827a460-3f08-5b01-8ff7-24dd8d23a753	\N	device_profile_view	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
ee8b4c2f-46f7-5db9-8a00-36839b9d141e	\N	device_template	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
87a0f3c1-ef77-5a83-b469-f184f1bf5fef	\N	device_user	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
5727ff69-fbd0-5f71-89c5-01473f3d6dc3	\N	device_username_password	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
d2a5ca36-c589-5487-81f2-8f86397ec7bb	\N	device_vendor	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
71be945a-d4cd-5ea8-8d41-9928695ed2b4	\N	device_view	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
90d1b1cf-d0c6-5728-bb77-8a8df8f95868	\N	dialplan_destinations	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
2f347465-47ff-557e-901d-2386df035768	\N	dialplan_detail_view	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
47eb2b50-52b9-569f-92af-07414a51df94	\N	dialplan_view	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
48e9c060-126e-5d76-a8fa-06fc4c0d0848	\N	do_not_disturb	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
60c6d8e5-5cee-5283-84af-5bb097c1babf	\N	effective_caller_id_name	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
1a28233d-be3f-5247-8802-830fc7ea9c43	\N	effective_caller_id_number	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
f88b6424-90e4-5565-bb73-ffa62cfbdfe6	\N	extension_accountcode	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
2589d260-eae0-5699-8874-d3b30e698a08	\N	extension_add	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
02545529-682a-54af-a43d-4a3a9acba30a	\N	extension_call_group	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
a0621b95-1d60-5453-bb89-730874f846a4	\N	extension_call_screen	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
184f9cc0-6540-5691-b7f3-7868503d70b1	\N	extension_caller_id	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
5f76f332-9318-505d-875d-da283b7ddb33	\N	extension_copy	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
348618a5-9838-59e5-8471-6d2d933be665	\N	extension_delete	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
613fcf37-f17f-5b12-800a-546113f09f3d	\N	extension_destinations	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
529ea7a2-2c14-5e7b-99df-f2c0ccdc39b2	\N	extension_device_address	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
ed029a11-23b9-5d5f-8fe9-086655f659f6	\N	extension_device_template	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
1b8d8cc2-55ad-5ffc-8cd2-d6e71c7a6e6c	\N	extension_directory	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
f138426b-7a94-50c6-b7b7-5f5c8c55fdfd	\N	extension_edit	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
6207f6c3-acb4-5003-8873-ddd6c5f629dc	\N	extension_enabled	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
112cfd5c-05fd-5617-8531-ecbbfddc242b	\N	extension_extension	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
80b833c9-57e9-5fe6-9688-88bf09b35a1d	\N	extension_force_ping	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
22a657bd-f83d-5004-8582-58260c808a1a	\N	extension_hold_music	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
d3a0e9d7-bd54-573f-8b85-93e63de06331	\N	extension_language	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
79304f04-bf88-5f7b-82ce-792f5dc496b6	\N	extension_limit	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
42eb133c-fd77-5e32-a30b-d067e8efa719	\N	extension_missed_call	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
37c374ab-c5b9-5fad-a2af-32477eb7d117	\N	extension_password	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
f75ce3e7-d128-5bd7-8bd9-dd1df294a38c	\N	extension_type	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
78f72a27-173d-5825-9619-e4f7f1ae68fe	\N	extension_user_add	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
53bc1bae-2598-5c3c-9aeb-bc9a2588ba81	\N	extension_user_delete	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
b81ad57d-0b19-5f3d-9023-8b39ffd77b3b	\N	extension_user_edit	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
54f9f329-c391-56e9-8dea-627cf55e3957	\N	extension_user_view	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
8f0db091-fa26-5592-a4c7-3a542f251eef	\N	extension_view	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
be013714-ec37-501a-ab23-b54b15a42eb6	\N	follow_me	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
6726936f-bf7b-59e6-94d3-7928081b8742	\N	follow_me_add	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
7fa81508-fef9-5e7b-9c1a-ad8e3c574823	\N	follow_me_delete	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
b0c8a0b6-8640-5b33-8ed5-9df6f3eb9657	\N	follow_me_destination_add	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
814811d0-e932-5b7f-b272-44e642bc2e35	\N	follow_me_destination_delete	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
efcac2da-f2b4-5968-bf75-cbdc46aba028	\N	follow_me_destination_edit	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
b687ce12-130a-5d58-a2a0-262bb599bd39	\N	follow_me_destination_view	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
630fcc4c-6c70-5763-846f-f16d48f55469	\N	follow_me_edit	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
cb084ce4-1bdb-5c42-9258-6f532e73fb5d	\N	follow_me_ignore_busy	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
5470c0e5-7d9e-5c33-82aa-1c247073aa13	\N	follow_me_prompt	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
c328ee21-841f-5a7d-a6ee-459b1a6bad1b	\N	follow_me_view	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
45d868af-18a6-5725-ac09-53b4e0aaa49a	\N	group_member_view	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
e4814ebf-c8b5-5663-b924-b3fde8efe8f2	\N	group_view	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
1c71a7d0-0767-5ff6-9369-aa7c135c746c	\N	inbound_route_add	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
b6a01e23-304d-5510-a2ed-0dcd94d57f37	\N	inbound_route_delete	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
d55c34c7-5454-589d-b102-2f9051f4ea6a	\N	inbound_route_view	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
fcd5bf69-6e2b-54ea-837c-893270f7e97f	\N	other_destinations	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
69919657-9cf0-5939-bdfd-176a2b90ab01	\N	user_add	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
73a4b1cb-4396-5e21-acdc-a489b3121187	\N	user_delete	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
bd73315c-6983-546a-9b8d-78ff51879701	\N	user_edit	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
cb0e11f1-e0c1-536d-9a82-e5f5f12966ca	\N	user_group_add	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
ece8dd37-e7bd-527c-9ba3-20f5870ff126	\N	user_group_delete	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
3e307aea-1361-53e7-b144-2af333dd8a57	\N	user_group_edit	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
7392f00f-f18c-51a0-bbb8-60a258c14188	\N	user_group_view	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
a09f4e7b-00e4-5d4c-919c-037974e5ba93	\N	user_groups	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
6a7598f3-9631-5014-8646-63a80edfbeca	\N	user_password	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
cfa20047-d9e8-51c5-aa69-b5cb435f9f71	\N	user_setting_add	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
cb22bd19-6253-5349-bfd9-67c2751dd80e	\N	user_setting_delete	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
fbfae575-7414-5612-b683-a9763279399a	\N	user_setting_edit	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
fdad982d-6d72-59e6-b910-c4591d748b66	\N	user_setting_view	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
a2630145-7e66-5487-8b33-b5201b30fa58	\N	user_status	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
1b763da3-aed3-5431-8883-36423708f821	\N	user_type	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
fcfa2652-eb83-5862-9887-49ee26e13939	\N	user_view	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
df42979a-55e7-5d7f-9869-6673353fa828	\N	voicemail_add	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
40261c5d-1ee6-5466-9de0-e6ae29879e96	\N	voicemail_delete	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
78c9d588-57b8-5728-a205-af8de1e1c542	\N	voicemail_destination_add	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
47973b89-33b1-5c75-bf37-790e465eaacc	\N	voicemail_destination_delete	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
b739c0e6-32d2-5c4f-a6fc-2de86b538db7	\N	voicemail_destination_edit	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
037e444f-387f-50a5-ad1d-f5abdf3c835e	\N	voicemail_destination_view	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
b19327e1-e256-56c3-9c56-da240d3dd6fd	\N	voicemail_destinations	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
9f497d10-9882-5c31-bfbb-2196203a6457	\N	voicemail_domain	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
54f24775-82b9-58a8-b542-bf6c20a84356	\N	voicemail_edit	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
2076849f-d0d7-53c0-b4da-e2708b898d14	\N	voicemail_file	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
85f475ed-46cc-5a3e-90ab-8146a92e43fe	\N	voicemail_forward	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
036b19f2-496b-5f8a-8707-88dbe8405d79	\N	voicemail_local_after_email	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
bcff67fc-3e9a-5cae-ba26-104de485797e	\N	voicemail_message_add	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
9fc154ca-49ab-573f-aa8e-722a3111640f	\N	voicemail_message_delete	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
00155be0-de10-5355-a8c8-09c72c27d46d	\N	voicemail_message_view	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
e4e0a885-fb67-504a-bb78-daa165a86c9e	\N	voicemail_option_add	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
c6be2d8e-9075-57f7-bf09-4d041d541046	\N	voicemail_option_delete	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
3dba0e58-b2dc-5030-8ef3-ffa430942917	\N	voicemail_option_edit	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
9708405a-7d22-5874-90d7-017b0162fd7d	\N	voicemail_option_view	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
73edf8a8-0539-54e7-8355-7022fc87848f	\N	voicemail_recording_instructions	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
b39a75cf-b12c-5841-aee0-1742088ba6c8	\N	voicemail_recording_options	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
97ed737d-dfaa-5c2a-9d55-29aa23a0d025	\N	voicemail_sms_edit	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
28043986-9b70-5975-8684-282ec655235b	\N	voicemail_transcription_enabled	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
8c47d602-e287-5f18-8a7d-4b6d97dd5802	\N	voicemail_view	false	true	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	\N	\N	\N
66d713d3-3a51-5ff7-a68a-263872461d15	\N	call_forward	false	true	user	929eecfc-6c92-57eb-b12c-f0d432af6d39	\N	\N	\N	\N
d8de078c-83ca-52d7-82e6-c753ee0b9f46	\N	do_not_disturb	false	true	user	929eecfc-6c92-57eb-b12c-f0d432af6d39	\N	\N	\N	\N
e5e0b5b9-dbf3-5806-8ce8-f676585b931b	\N	extension_call_group	false	true	user	929eecfc-6c92-57eb-b12c-f0d432af6d39	\N	\N	\N	\N
eea52f8a-235c-5301-835e-e6ca3f9fccac	\N	extension_caller_id	false	true	user	929eecfc-6c92-57eb-b12c-f0d432af6d39	\N	\N	\N	\N
996f5126-4278-5677-8e56-512092697a25	\N	extension_destinations	false	true	user	929eecfc-6c92-57eb-b12c-f0d432af6d39	\N	\N	\N	\N
f2cef99c-ed33-5673-a51c-938020271346	\N	extension_device_address	false	true	user	929eecfc-6c92-57eb-b12c-f0d432af6d39	\N	\N	\N	\N
419df37f-e6f3-5924-989d-e1bdfd0bb998	\N	extension_device_template	false	true	user	929eecfc-6c92-57eb-b12c-f0d432af6d39	\N	\N	\N	\N
1c14044a-a520-5842-87ba-ff343105aa87	\N	extension_directory	false	true	user	929eecfc-6c92-57eb-b12c-f0d432af6d39	\N	\N	\N	\N
848878ee-93cc-5367-98ab-e6f8493e56e0	\N	extension_hold_music	false	true	user	929eecfc-6c92-57eb-b12c-f0d432af6d39	\N	\N	\N	\N
963a2dda-80f1-57ec-9283-18d9f279087a	\N	extension_limit	false	true	user	929eecfc-6c92-57eb-b12c-f0d432af6d39	\N	\N	\N	\N
d03abc4d-c250-593d-8903-b04f73a4fd1d	\N	extension_type	false	true	user	929eecfc-6c92-57eb-b12c-f0d432af6d39	\N	\N	\N	\N
874ce50a-a976-59fc-aeb7-2028ae09dda8	\N	follow_me	false	true	user	929eecfc-6c92-57eb-b12c-f0d432af6d39	\N	\N	\N	\N
4f79722e-1529-5ead-a347-18afffd4e7c6	\N	follow_me_add	false	true	user	929eecfc-6c92-57eb-b12c-f0d432af6d39	\N	\N	\N	\N
157b4005-0114-5989-813b-df5917dbbf2d	\N	follow_me_delete	false	true	user	929eecfc-6c92-57eb-b12c-f0d432af6d39	\N	\N	\N	\N
56f5a90c-556b-55c2-bf04-5366ab3dfb77	\N	follow_me_destination_add	false	true	user	929eecfc-6c92-57eb-b12c-f0d432af6d39	\N	\N	\N	\N
ac4c0508-28ea-58e8-bedd-0542c83d33c9	\N	follow_me_destination_delete	false	true	user	929eecfc-6c92-57eb-b12c-f0d432af6d39	\N	\N	\N	\N
bcde757d-044c-5459-810f-5341eaf2c739	\N	follow_me_destination_edit	false	true	user	929eecfc-6c92-57eb-b12c-f0d432af6d39	\N	\N	\N	\N
c9e4885a-1256-5b8c-b195-b1c8bf282f96	\N	follow_me_destination_view	false	true	user	929eecfc-6c92-57eb-b12c-f0d432af6d39	\N	\N	\N	\N
5e468109-efe2-5951-aa8d-54690a1b45b8	\N	follow_me_edit	false	true	user	929eecfc-6c92-57eb-b12c-f0d432af6d39	\N	\N	\N	\N
19943206-69e3-5f7e-b46d-9ae0188c7347	\N	follow_me_ignore_busy	false	true	user	929eecfc-6c92-57eb-b12c-f0d432af6d39	\N	\N	\N	\N
6d789844-7f9f-57a2-b272-6b05c1ff353a	\N	follow_me_prompt	false	true	user	929eecfc-6c92-57eb-b12c-f0d432af6d39	\N	\N	\N	\N
6382fe4a-ba31-56b4-89dc-12d2839b2f7e	\N	follow_me_view	false	true	user	929eecfc-6c92-57eb-b12c-f0d432af6d39	\N	\N	\N	\N
38ac1108-83be-5299-9fb4-8b7f73037c42	\N	voicemail_destination_add	false	true	user	929eecfc-6c92-57eb-b12c-f0d432af6d39	\N	\N	\N	\N
7228385d-656a-59a3-8e7c-ab9622381eb7	\N	voicemail_destination_delete	false	true	user	929eecfc-6c92-57eb-b12c-f0d432af6d39	\N	\N	\N	\N
8b31796f-e48a-5b4f-aa59-027e4fbe2399	\N	voicemail_destination_edit	false	true	user	929eecfc-6c92-57eb-b12c-f0d432af6d39	\N	\N	\N	\N
e61c5044-5e3e-533b-96a9-466477601ea5	\N	voicemail_destination_view	false	true	user	929eecfc-6c92-57eb-b12c-f0d432af6d39	\N	\N	\N	\N
4e7e9d65-e86a-55d9-b1d5-8e0335c60daf	\N	voicemail_destinations	false	true	user	929eecfc-6c92-57eb-b12c-f0d432af6d39	\N	\N	\N	\N
ace00f78-53cc-5a7d-a9d6-95fd2502528d	\N	voicemail_edit	false	true	user	929eecfc-6c92-57eb-b12c-f0d432af6d39	\N	\N	\N	\N
7d4f0a79-6f6c-5461-82d8-459ae8c130b4	\N	voicemail_forward	false	true	user	929eecfc-6c92-57eb-b12c-f0d432af6d39	\N	\N	\N	\N
d275dd37-d0b1-584c-93d3-3d677f021f35	\N	voicemail_message_add	false	true	user	929eecfc-6c92-57eb-b12c-f0d432af6d39	\N	\N	\N	\N
b0eb7e67-95ed-5df3-979b-9efd954b4137	\N	voicemail_message_delete	false	true	user	929eecfc-6c92-57eb-b12c-f0d432af6d39	\N	\N	\N	\N
6740d073-ee8b-5056-8c07-850bde1643be	\N	voicemail_message_view	false	true	user	929eecfc-6c92-57eb-b12c-f0d432af6d39	\N	\N	\N	\N
536eb8e3-29a2-532f-925b-03d5059f6e91	\N	voicemail_option_add	false	true	user	929eecfc-6c92-57eb-b12c-f0d432af6d39	\N	\N	\N	\N
fb7f2b6b-fd1d-5834-81e4-e88933a445b4	\N	voicemail_option_delete	false	true	user	929eecfc-6c92-57eb-b12c-f0d432af6d39	\N	\N	\N	\N
8c6f111c-f242-5ee0-bf97-c6a091fd356b	\N	voicemail_option_edit	false	true	user	929eecfc-6c92-57eb-b12c-f0d432af6d39	\N	\N	\N	\N
f2a51572-817d-5887-9085-5a40b338fb12	\N	voicemail_option_view	false	true	user	929eecfc-6c92-57eb-b12c-f0d432af6d39	\N	\N	\N	\N
857fda75-5994-552c-93ee-c3b4a517cff0	\N	call_forward	false	true	agent	2983e776-bfba-5360-9a14-aa7330e2a81c	\N	\N	\N	\N
75d0835d-5ca8-5a4f-902e-cd8a0852b7f9	\N	do_not_disturb	false	true	agent	2983e776-bfba-5360-9a14-aa7330e2a81c	\N	\N	\N	\N
866f1a2e-1390-5791-a443-c05d74e19e89	\N	follow_me	false	true	agent	2983e776-bfba-5360-9a14-aa7330e2a81c	\N	\N	\N	\N
35abc03b-995d-562c-ba01-6f5f81f49deb	\N	follow_me_add	false	true	agent	2983e776-bfba-5360-9a14-aa7330e2a81c	\N	\N	\N	\N
8b88ba86-c5d3-5462-b8f6-b5b4ab332512	\N	follow_me_delete	false	true	agent	2983e776-bfba-5360-9a14-aa7330e2a81c	\N	\N	\N	\N
b9fcabad-bc82-5b91-933c-b69cb21a0552	\N	follow_me_destination_add	false	true	agent	2983e776-bfba-5360-9a14-aa7330e2a81c	\N	\N	\N	\N
c62ddf98-7284-53a2-811f-8611afb884f9	\N	follow_me_destination_delete	false	true	agent	2983e776-bfba-5360-9a14-aa7330e2a81c	\N	\N	\N	\N
c09b5d26-ee1e-5e0d-8194-594b0defe2b3	\N	follow_me_destination_edit	false	true	agent	2983e776-bfba-5360-9a14-aa7330e2a81c	\N	\N	\N	\N
0d617ed4-62c7-5838-bdbc-b9120088d7d2	\N	follow_me_destination_view	false	true	agent	2983e776-bfba-5360-9a14-aa7330e2a81c	\N	\N	\N	\N
c3b8fd8e-4ee8-5d55-8626-77c73ebbc36f	\N	follow_me_edit	false	true	agent	2983e776-bfba-5360-9a14-aa7330e2a81c	\N	\N	\N	\N
92cd5a68-0eaf-514c-aa28-8f71e01a1575	\N	follow_me_ignore_busy	false	true	agent	2983e776-bfba-5360-9a14-aa7330e2a81c	\N	\N	\N	\N
d83c55ef-eb99-52db-ac95-4b4680cb7cfb	\N	follow_me_prompt	false	true	agent	2983e776-bfba-5360-9a14-aa7330e2a81c	\N	\N	\N	\N
106d6fe7-4f37-5b49-9efd-40b09fdc4451	\N	follow_me_view	false	true	agent	2983e776-bfba-5360-9a14-aa7330e2a81c	\N	\N	\N	\N
9ae0e744-a6b8-599f-8151-0d056942abb5	\N	voicemail_destination_add	false	true	agent	2983e776-bfba-5360-9a14-aa7330e2a81c	\N	\N	\N	\N
de8a1cc8-7121-549e-b9c7-f701683cb9c2	\N	voicemail_destination_delete	false	true	agent	2983e776-bfba-5360-9a14-aa7330e2a81c	\N	\N	\N	\N
e10650bd-edc5-5b60-8ef6-7243a31b2761	\N	voicemail_destination_edit	false	true	agent	2983e776-bfba-5360-9a14-aa7330e2a81c	\N	\N	\N	\N
bb683177-5380-5a8a-bb33-9de8e8462295	\N	voicemail_destination_view	false	true	agent	2983e776-bfba-5360-9a14-aa7330e2a81c	\N	\N	\N	\N
74b8f164-c6ff-54b2-9dbf-8a33bdf54574	\N	voicemail_destinations	false	true	agent	2983e776-bfba-5360-9a14-aa7330e2a81c	\N	\N	\N	\N
dbeb5888-3fb7-5a9b-95d4-ad498c1d8c3c	\N	voicemail_edit	false	true	agent	2983e776-bfba-5360-9a14-aa7330e2a81c	\N	\N	\N	\N
db289b33-b6b4-5ec9-ab74-b7552331089f	\N	voicemail_forward	false	true	agent	2983e776-bfba-5360-9a14-aa7330e2a81c	\N	\N	\N	\N
010000a2-406c-5037-9081-e945736733c7	\N	voicemail_message_add	false	true	agent	2983e776-bfba-5360-9a14-aa7330e2a81c	\N	\N	\N	\N
2add8bc2-e5af-552c-81fe-f4d7b7fa86fc	\N	voicemail_message_delete	false	true	agent	2983e776-bfba-5360-9a14-aa7330e2a81c	\N	\N	\N	\N
045ab3bc-428b-5172-8f67-4aba1d30c329	\N	voicemail_message_view	false	true	agent	2983e776-bfba-5360-9a14-aa7330e2a81c	\N	\N	\N	\N
b13929cf-5d57-578b-adf4-3193e66c8269	\N	voicemail_option_add	false	true	agent	2983e776-bfba-5360-9a14-aa7330e2a81c	\N	\N	\N	\N
105b8455-0f93-53eb-a3af-5c690154f3e1	\N	voicemail_option_delete	false	true	agent	2983e776-bfba-5360-9a14-aa7330e2a81c	\N	\N	\N	\N
a3b6d010-2523-52d1-82f1-2ee2e3c4f0e6	\N	voicemail_option_edit	false	true	agent	2983e776-bfba-5360-9a14-aa7330e2a81c	\N	\N	\N	\N
925f67de-f5bf-5596-ad91-e6aadb136bb7	\N	voicemail_option_view	false	true	agent	2983e776-bfba-5360-9a14-aa7330e2a81c	\N	\N	\N	\N
f977450a-45fc-592c-ae60-eeb2886740e4	15f57ef5-b3b4-59f1-a80a-663fb72a5614	user_view	false	true	helpdesk	1cd5590c-9a48-5076-b6ed-8f14ca4506b2	\N	\N	\N	\N
3d7bbf20-ac83-5e3a-ae30-24b347fbaf7b	15f57ef5-b3b4-59f1-a80a-663fb72a5614	user_add	false	true	helpdesk	1cd5590c-9a48-5076-b6ed-8f14ca4506b2	\N	\N	\N	\N
67bf07c7-3164-551b-8e85-11a53e08a8c5	15f57ef5-b3b4-59f1-a80a-663fb72a5614	user_edit	false	true	helpdesk	1cd5590c-9a48-5076-b6ed-8f14ca4506b2	\N	\N	\N	\N
d32b795b-b592-5eba-9ecc-4cbf9bfb017f	15f57ef5-b3b4-59f1-a80a-663fb72a5614	group_view	false	true	helpdesk	1cd5590c-9a48-5076-b6ed-8f14ca4506b2	\N	\N	\N	\N
a86e0061-d62e-5ecf-92ec-a62ac177de45	15f57ef5-b3b4-59f1-a80a-663fb72a5614	group_permission_view	false	true	helpdesk	1cd5590c-9a48-5076-b6ed-8f14ca4506b2	\N	\N	\N	\N
25eb5e7f-f105-5e63-b475-7d82d43f0adb	15f57ef5-b3b4-59f1-a80a-663fb72a5614	group_permission_add	false	true	helpdesk	1cd5590c-9a48-5076-b6ed-8f14ca4506b2	\N	\N	\N	\N
f99bcd35-5ff9-5c91-963f-eed2bd2da10e	15f57ef5-b3b4-59f1-a80a-663fb72a5614	group_permission_edit	false	true	helpdesk	1cd5590c-9a48-5076-b6ed-8f14ca4506b2	\N	\N	\N	\N
152834b7-3087-5075-b278-40a0b319fd26	15f57ef5-b3b4-59f1-a80a-663fb72a5614	extension_view	false	true	helpdesk	1cd5590c-9a48-5076-b6ed-8f14ca4506b2	\N	\N	\N	\N
d8ca51cf-78d3-569a-b22e-07e17e06f48a	15f57ef5-b3b4-59f1-a80a-663fb72a5614	extension_edit	false	true	helpdesk	1cd5590c-9a48-5076-b6ed-8f14ca4506b2	\N	\N	\N	\N
\.


--
-- Data for Name: v_groups; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.v_groups (group_uuid, domain_uuid, group_name, group_protected, group_level, group_description, insert_date, insert_user, update_date, update_user) FROM stdin;
e86c5c29-df8f-53f0-bce2-4702883ea44d	\N	superadmin	f	80	\N	\N	\N	\N	\N
b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	\N	admin	f	50	\N	\N	\N	\N	\N
929eecfc-6c92-57eb-b12c-f0d432af6d39	\N	user	f	30	\N	\N	\N	\N	\N
2983e776-bfba-5360-9a14-aa7330e2a81c	\N	agent	f	20	\N	\N	\N	\N	\N
1cd5590c-9a48-5076-b6ed-8f14ca4506b2	15f57ef5-b3b4-59f1-a80a-663fb72a5614	helpdesk	f	40	\N	\N	\N	\N	\N
\.


--
-- Data for Name: v_software; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.v_software (software_uuid, software_name, software_url, software_version, insert_date, insert_user, update_date, update_user) FROM stdin;
472a91f5-5c02-558c-8115-1864a2c57814	FusionPBX	\N	5.5.7	\N	\N	\N	\N
\.


--
-- Data for Name: v_user_groups; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.v_user_groups (user_group_uuid, domain_uuid, group_name, group_uuid, user_uuid, insert_date, insert_user, update_date, update_user) FROM stdin;
9607810c-7697-5b81-90b3-aee9e2c8dedb	793660d0-36f7-5a50-99fb-4c0799394071	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	97963979-efd2-5e37-b93a-7e88e017dc6c	\N	\N	\N	\N
ea816aab-c64f-5bb4-b5f9-a1e11ef1084f	793660d0-36f7-5a50-99fb-4c0799394071	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	64ed99df-70a4-56f3-af52-a888ac611330	\N	\N	\N	\N
504dca00-bd9f-5150-b74d-dbab15bbcc41	793660d0-36f7-5a50-99fb-4c0799394071	superadmin	e86c5c29-df8f-53f0-bce2-4702883ea44d	5def7195-0acb-578e-9e7d-505a2f4eac26	\N	\N	\N	\N
730b2f42-b77f-5bf8-a439-c8a5f2afc15f	793660d0-36f7-5a50-99fb-4c0799394071	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	5def7195-0acb-578e-9e7d-505a2f4eac26	\N	\N	\N	\N
0a6d9af3-862e-5762-b9d2-b8373631045a	793660d0-36f7-5a50-99fb-4c0799394071	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	cb8d753c-5748-5bb7-988c-ad19449e89de	\N	\N	\N	\N
515e1d12-82eb-5f97-aa93-86f9d8836e92	793660d0-36f7-5a50-99fb-4c0799394071	user	929eecfc-6c92-57eb-b12c-f0d432af6d39	1313fd5e-1d56-52aa-b641-95f97f93a8a8	\N	\N	\N	\N
1915add1-32ca-5f94-b4ac-a6e64f8635bb	793660d0-36f7-5a50-99fb-4c0799394071	user	929eecfc-6c92-57eb-b12c-f0d432af6d39	6e9feddb-a617-523c-9152-dca712fd824f	\N	\N	\N	\N
29d4581d-4301-5f6d-a1e4-c7ec2958c32e	15f57ef5-b3b4-59f1-a80a-663fb72a5614	helpdesk	1cd5590c-9a48-5076-b6ed-8f14ca4506b2	9c8362ee-bc11-5ad1-839f-47388186b59f	\N	\N	\N	\N
8315214e-9ef0-5d79-8bc6-9a9a0b6a2a71	15f57ef5-b3b4-59f1-a80a-663fb72a5614	user	929eecfc-6c92-57eb-b12c-f0d432af6d39	880d87d4-f529-5ce3-8d7c-49b8e4caba2b	\N	\N	\N	\N
9d90e80a-bd57-59ac-b056-05a89b176c97	15f57ef5-b3b4-59f1-a80a-663fb72a5614	admin	b3c3d5d9-9c65-53a5-b21a-97e508a4b66a	bbf89e45-0b36-5666-89bd-182b47f6e8d2	\N	\N	\N	\N
\.


--
-- Data for Name: v_users; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.v_users (user_uuid, domain_uuid, contact_uuid, username, password, salt, user_email, user_status, api_key, user_totp_secret, user_type, user_enabled, add_user, add_date, insert_date, insert_user, update_date, update_user) FROM stdin;
97963979-efd2-5e37-b93a-7e88e017dc6c	793660d0-36f7-5a50-99fb-4c0799394071	\N	admin	0cc175b9c0f1b6a831c399e269772661	448c3935-7dc2-5536-bb39-8e18338d101c	admin@pbx.example.com	\N	\N	\N	default	t	\N	\N	\N	\N	\N	\N
64ed99df-70a4-56f3-af52-a888ac611330	793660d0-36f7-5a50-99fb-4c0799394071	\N	jdoe	$2y$10$sampleSampleSampleSampleeCz8n0bQ9kZ1h3vU2f5q6r7s8t9u0w	ab422494-898a-5f13-a037-3421e2b68053	jdoe@pbx.example.com	\N	\N	\N	default	t	\N	\N	\N	\N	\N	\N
5def7195-0acb-578e-9e7d-505a2f4eac26	793660d0-36f7-5a50-99fb-4c0799394071	\N	mkelly	$2y$10$sampleSampleSampleSampleeCz8n0bQ9kZ1h3vU2f5q6r7s8t9u0w	0c23f47c-4a7d-57a7-8cdc-376aa68ae883	mkelly@pbx.example.com	\N	\N	\N	default	t	\N	\N	\N	\N	\N	\N
cb8d753c-5748-5bb7-988c-ad19449e89de	793660d0-36f7-5a50-99fb-4c0799394071	\N	ops	$2y$10$sampleSampleSampleSampleeCz8n0bQ9kZ1h3vU2f5q6r7s8t9u0w	fb289627-cf4c-503a-810a-b661f839f211	ops@pbx.example.com	\N	\N	\N	default	t	\N	\N	\N	\N	\N	\N
1313fd5e-1d56-52aa-b641-95f97f93a8a8	793660d0-36f7-5a50-99fb-4c0799394071	\N	alice	$2y$10$sampleSampleSampleSampleeCz8n0bQ9kZ1h3vU2f5q6r7s8t9u0w	681b4073-0c05-5736-b9af-2c9613ffff55	alice@pbx.example.com	\N	\N	\N	default	t	\N	\N	\N	\N	\N	\N
6e9feddb-a617-523c-9152-dca712fd824f	793660d0-36f7-5a50-99fb-4c0799394071	\N	bob	$2y$10$sampleSampleSampleSampleeCz8n0bQ9kZ1h3vU2f5q6r7s8t9u0w	f3792e33-a934-5e9b-8e21-51875dfd8ce3	bob@pbx.example.com	\N	\N	\N	default	f	\N	\N	\N	\N	\N	\N
9c8362ee-bc11-5ad1-839f-47388186b59f	15f57ef5-b3b4-59f1-a80a-663fb72a5614	\N	helpdesk1	$2y$10$sampleSampleSampleSampleeCz8n0bQ9kZ1h3vU2f5q6r7s8t9u0w	d7d311b2-3c61-5ac0-8762-555381580ab7	helpdesk1@tenant2.example.net	\N	\N	\N	default	t	\N	\N	\N	\N	\N	\N
880d87d4-f529-5ce3-8d7c-49b8e4caba2b	15f57ef5-b3b4-59f1-a80a-663fb72a5614	\N	carol	$2y$10$sampleSampleSampleSampleeCz8n0bQ9kZ1h3vU2f5q6r7s8t9u0w	9b882b58-e40c-53e1-a045-1954421300fa	carol@tenant2.example.net	\N	\N	JBSWY3DPEHPK3PXP	default	t	\N	\N	\N	\N	\N	\N
bbf89e45-0b36-5666-89bd-182b47f6e8d2	15f57ef5-b3b4-59f1-a80a-663fb72a5614	\N	fax-robot	$2y$10$sampleSampleSampleSampleeCz8n0bQ9kZ1h3vU2f5q6r7s8t9u0w	1078ef28-dfa6-5e93-b551-dc63dd5f7887	fax-robot@tenant2.example.net	\N	\N	\N	virtual	t	\N	\N	\N	\N	\N	\N
\.


--
-- PostgreSQL database dump complete
--

\unrestrict voipscan

