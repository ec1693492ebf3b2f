-- A zone's service card (seed 004 §2.4): every member of staff who meets residents is named on it with their
-- work phone, what they are responsible for, the standard they keep and their supervisor. The duties and the
-- standards are per trade; supervisors edit them. The 24-hour duty phone is the service center's.
create table trade_card (
    trade      varchar(32)   primary key,          -- Camunda group id: butler, maintenance, ...
    title      varchar(50)   not null,             -- as residents call the trade: 管家, 维修, ...
    duties     varchar(1000) not null,
    standards  varchar(1000) not null,
    care       varchar(1000),                      -- the extra help residents may ask for (感动服务)
    sort_order integer       not null default 0
);

insert into trade_card (trade, title, duties, standards, care, sort_order) values
('butler', '管家',
 '责任区业主的首问负责人：受理报修、投诉、求助、咨询和建议，协调各专业人员，跟进到办结并回访。',
 '30分钟内响应；咨询当天答复；建议1天内回复、3天内反馈采纳情况；办结后按重点和普通项目回访。',
 '独居老人、行动不便的业主可登记特殊需要，管家定期问候。', 1),
('maintenance', '维修',
 '室内外水电、管道、供暖、电梯和公共设施的维修。',
 '接单后15分钟到达现场，1小时内给出初步方案和预计完成时间；紧急情况24小时处理。',
 '维修完成后清理现场，并告诉您使用中要注意什么。', 2),
('cleaning', '保洁',
 '楼道、电梯、公共区域的清扫保洁，垃圾清运。',
 '公共区域每日清扫；保洁投诉当天整改。',
 NULL, 3),
('security', '秩序维护（保安）',
 '门岗、巡逻、停车秩序和治安事件处置。',
 '治安求助10分钟到场，24小时值守。',
 '保安接送：行动不便、高龄业主可预约，从小区大门接送到家；可代买粮油、药品。', 4),
('landscaping', '绿化',
 '小区绿地、花木的养护和修剪。',
 '绿化投诉当天答复、三天内整改。',
 NULL, 5);
