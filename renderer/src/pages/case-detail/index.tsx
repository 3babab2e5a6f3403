import { Button, Col, Result, Row, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { PATHS } from '../../app/paths';
import type { CaseAction, CaseDetail, ComplainantView } from '../../api/core';
import { t } from '../../i18n/zh-CN';
import { ActionModal } from './components/action-modal';
import { AttachmentReportBanner } from './components/attachment-report';
import { AttachmentsPanel } from './components/attachments-panel';
import { CaseHeader } from './components/case-header';
import { CaseRecords } from './components/case-records';
import { CaseTimeline } from './components/case-timeline';
import { HandlingInfo } from './components/handling-info';
import { PAPER_AFTER_ACTION, PaperOfferBanner, PapersPanel, type PaperOffer } from './components/papers-panel';
import { RegistrationInfo } from './components/registration-info';
import { RepeatLinks } from './components/repeat-links';
import { RevealIdentityModal } from './components/reveal-identity-modal';
import { UpdateModal } from './components/update-modal';
import { useCaseDetail, useCaseFreshness } from './hooks';

type Reveal = { then: 'show' | 'update' };

/** 案件详情: everything about one case, the actions the core allows now, and its history. */
export default function CaseDetailPage() {
  const { id: idParam } = useParams();
  const id = Number(idParam);
  const navigate = useNavigate();
  const { detail, setDetail, reload, refetch, isLoading, isMissing } = useCaseDetail(id);
  const [action, setAction] = useState<CaseAction | null>(null);
  const [reveal, setReveal] = useState<Reveal | null>(null);
  const [revealed, setRevealed] = useState<ComplainantView[] | null>(null);
  // the paper the last action called for (受理 → 受理告知书 …), offered by the 文书 panel
  const [paperOffer, setPaperOffer] = useState<PaperOffer | null>(null);
  const [paperOpen, setPaperOpen] = useState<PaperOffer | null>(null);

  useEffect(() => {
    setRevealed(null);
    setPaperOffer(null);
    setPaperOpen(null);
  }, [id]);
  // Changed elsewhere: shown as it is now (the identity may have changed: the server's view again), not while a dialog is open.
  useCaseFreshness(id, detail?.version ?? null, action !== null || reveal !== null, (fresh) => {
    setRevealed(null);
    setDetail(fresh);
  });

  if (!detail) {
    if (isMissing) {
      return <Result status="404" title={t.detail.notFound} extra={<Button onClick={() => navigate(PATHS.register)}>{t.detail.back}</Button>} />;
    }
    return <Spin spinning={isLoading} style={{ display: 'block', marginTop: 80 }} />;
  }

  function done(next: CaseDetail) {
    if (action === 'update') setRevealed(null); // the identity may have changed: show the server's view again
    setAction(null);
    setDetail(next);
    if (action && PAPER_AFTER_ACTION[action]) setPaperOffer({ action, at: Date.now() });
  }
  function startAction(a: CaseAction) {
    // Whoever may reveal starts editing from the full identity; whoever may not edits the rest, the
    // identity shown masked and locked (the core refuses a masked user's change of it).
    if (a === 'update' && detail?.mayRevealIdentity && !revealed) setReveal({ then: 'update' });
    else setAction(a);
  }

  return (
    <div data-testid="case-detail">
      <CaseHeader detail={detail} isLoading={isLoading} onReload={reload} onAction={startAction} />
      <PaperOfferBanner
        offer={paperOffer}
        onOpen={() => {
          setPaperOpen(paperOffer);
          setPaperOffer(null);
        }}
        onDismiss={() => setPaperOffer(null)}
      />
      <AttachmentReportBanner />
      <Row gutter={12}>
        <Col xs={24} xl={17}>
          <RegistrationInfo detail={detail} revealed={revealed} onReveal={() => setReveal({ then: 'show' })} />
          <RepeatLinks detail={detail} onChanged={setDetail} />
          <AttachmentsPanel key={detail.id} detail={detail} onChanged={() => void refetch()} />
          <HandlingInfo detail={detail} />
          <PapersPanel detail={detail} open={paperOpen} onIssued={() => void refetch()} />
          <CaseRecords detail={detail} />
        </Col>
        <Col xs={24} xl={7}>
          <CaseTimeline entries={detail.timeline} />
        </Col>
      </Row>
      {action === 'update' && (
        <UpdateModal detail={detail} complainants={revealed ?? detail.complainants} onDone={done} refetch={refetch} onClose={() => setAction(null)} />
      )}
      {action && action !== 'update' && (
        <ActionModal action={action} detail={detail} onDone={done} refetch={refetch} onClose={() => setAction(null)} />
      )}
      {reveal && (
        <RevealIdentityModal
          detail={detail}
          reason={reveal.then === 'update' ? t.detail.revealBeforeUpdate : undefined}
          initialPurpose={reveal.then === 'update' ? t.detail.revealBeforeUpdatePurpose : undefined}
          onRevealed={(list) => {
            setRevealed(list);
            setReveal(null);
            if (reveal.then === 'update') setAction('update');
          }}
          onClose={() => setReveal(null)}
        />
      )}
    </div>
  );
}
